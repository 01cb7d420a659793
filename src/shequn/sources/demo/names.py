"""What people and groups are called: built-in lists the demo draws names from."""

from __future__ import annotations

BRAND = "康宁健康"
BRAND_SHORT = "康宁"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)

GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉晓东海波宁婷雪琳慧颖佳欣怡梅莉燕"
    "丹凤云飞鹏浩宇博俊峰亮斌鑫然晨阳子涵梓轩一诺欣妍家豪振宏春秋冬梦琪思远德福庆安康寿永"
)

NICKNAMES = (
    "静待花开", "岁月静好", "平安是福", "阳光明媚", "向日葵", "淡定", "随缘", "小雨", "风轻云淡", "开心果",
    "快乐每一天", "知足常乐", "海阔天空", "一路有你", "简单就好", "心想事成", "健康第一", "勇敢的心", "晴天",
    "老顽童", "山水之间", "幸福人生", "云淡风轻", "天天向上", "守得云开", "感恩有你", "微笑", "清风徐来",
    "坚持就是胜利", "好运来", "暖阳", "花开富贵", "一帆风顺", "蓝天白云", "追梦人", "平凡之路", "小确幸",
)  # fmt: skip

ENGLISH_NAMES = (
    "Amy", "Lily", "Grace", "Kevin", "Jason", "Cindy", "Tony", "Vivian", "Emma", "Leo", "Sunny", "Jack",
    "Coco", "Eric", "Helen", "Annie", "David", "Linda", "Michael", "Nina", "Ryan", "Sophia", "Tina", "Alex",
)  # fmt: skip

TITLES = ("姐", "哥", "老师", "阿姨", "叔", "大夫", "妈妈", "爸爸")

FOUNDER_NAME = "程总｜康宁健康"
OPERATOR_NAMES = ("康宁客服-小刘", "康宁运营-阿黄", "康宁-吕老师", "康宁健康顾问Amy", "康宁售后-思慧")

# Big cities first: they get the first groups, and most of them.
CITIES = (
    "上海", "北京", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "天津", "重庆", "长沙", "郑州",
    "济南", "沈阳", "苏州", "青岛", "合肥", "福州", "昆明",
)  # fmt: skip

# (city, the hospital as patients call it); patients of one hospital keep a QQ group together.
HOSPITALS = (
    ("上海", "上海六院"), ("北京", "北京协和"), ("广州", "中山一院"), ("上海", "上海瑞金"), ("杭州", "浙一"),
    ("成都", "华西"), ("北京", "北大人民"), ("武汉", "武汉同济"), ("上海", "上海华山"), ("南京", "南京鼓楼"),
    ("西安", "西京"), ("长沙", "湘雅"), ("天津", "天津肿瘤"), ("广州", "南方医院"), ("郑州", "郑大一附院"),
    ("济南", "齐鲁"), ("上海", "上海仁济"), ("北京", "北京天坛"), ("杭州", "邵逸夫"), ("重庆", "重医附一"),
    ("深圳", "深圳人民"), ("沈阳", "盛京"), ("武汉", "武汉协和"), ("上海", "上海中山"),
)  # fmt: skip

PARTNERS_GROUP = "康宁合伙人群"
RENAME_PREFIX = "康宁·"


def person_name(code: int) -> str:
    """A display name as people choose them in Chinese chat apps: mostly real names, some not."""
    style, rest = code % 20, code // 20
    surname = SURNAMES[rest % len(SURNAMES)]
    rest //= len(SURNAMES)
    if style < 9:
        return (
            surname
            + GIVEN[rest % len(GIVEN)]
            + (GIVEN[(rest // len(GIVEN)) % len(GIVEN)] if style < 6 else "")
        )
    if style < 14:
        return NICKNAMES[rest % len(NICKNAMES)]
    if style < 16:
        return ENGLISH_NAMES[rest % len(ENGLISH_NAMES)]
    if style < 17:
        return f"{ENGLISH_NAMES[rest % len(ENGLISH_NAMES)]} {surname}"
    return surname + TITLES[rest % len(TITLES)]
