"""What people write: short lines of the kind a patient group and its owners fill a day with.

Each pool is one kind of line; `TEXTS` holds them all end to end so a message's text is one index.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from .names import BRAND

CHAT = (
    "早上好", "大家早上好☀️", "晚安，各位", "今天天气不错", "收到", "好的", "谢谢群主", "谢谢分享", "👍👍👍",
    "哈哈哈", "辛苦了", "今天复查了，指标都正常，开心", "这周又去医院排了一上午的队", "刚吃完药，准备睡了",
    "最近胃口好多了", "今天血常规出来了，白细胞有点低", "医生说再观察三个月", "大家都要保重身体",
    "我妈今天精神好多了", "坚持就是胜利💪", "又是新的一周，加油", "今天下雨了，出门记得带伞",
    "谢谢大家的关心",
    "我也是这样过来的，别担心", "心态很重要", "有事大家群里说", "周末愉快", "好久没在群里说话了",
    "今天去做了CT", "终于出院了🎉", "家里老人也在吃", "最近睡眠不太好", "多喝水，多休息",
    "同病相怜，互相鼓励", "群里真温暖", "今天没什么事，来冒个泡", "刚从医院回来", "祝大家早日康复",
    "这个群帮了我很多", "感恩🙏", "中午吃了啥", "新年快乐！", "中秋快乐，月饼吃了吗", "国庆出去玩了吗",
    "good morning 各位", "thanks a lot!", "OK 收到", "take care 🙏", "我在上海，有同城的吗",
    "北京的病友多吗", "上次的讲座很有用", "已经吃了三个疗程了", "效果因人而异", "医保能报一部分",
    "复查的时候顺便问了医生", "今天状态不错", "这个季节容易感冒，注意保暖", "大家晚上好", "打卡，第60天",
)  # fmt: skip

QUESTIONS = (
    "请问这个要吃多久？", "有没有人知道复查要空腹吗？", "请问饭前吃还是饭后吃？", "医保报销怎么弄？",
    "请问哪里可以买到正品？", "有人吃了以后有副作用吗？", "新来的，请问群里有什么规矩？",
    "请问协和的号好挂吗？", "团购还有吗？", "什么时候发货呀？", "上次的资料哪里能看？", "有北京的病友吗？",
    "请问大家一般几个月复查一次？", "可以和别的药一起吃吗？", "anyone tried this with 中药？",
    "群主，今晚有讲座吗？", "快递到了吗？我的还没收到", "老人吃需要减量吗？",
)  # fmt: skip

REPLIES = (
    "是的", "同意", "我也是", "对，我也想问", "饭后半小时吃", "三个月复查一次", "私聊你了",
    "可以问问群主", "我吃了半年了，挺好的", "没有副作用，放心", "看个人情况，问问医生", "群公告里有",
    "已经发货了，顺丰", "我也收到了", "同问", "谢谢解答🙏", "明白了", "+1", "yes 我也是", "哈哈，确实",
    "加油💪", "抱抱", "别着急，慢慢来", "我家也是这样", "有的，下周还有一次团购",
)  # fmt: skip

ANNOUNCEMENTS = (
    "【群公告】新进群的朋友请把群昵称改成：城市+姓名", "【群公告】本群禁止发广告，违者直接移出",
    "今晚8点健康讲座，欢迎大家准时参加", "本周团购周五截止，需要的朋友找我登记",
    "提醒：复查前一天晚上不要吃东西", "大家有问题可以群里问，看到都会回", f"{BRAND}新一批货已到，老客户优先",
    "欢迎新朋友入群🎉", "【群规】1. 不发广告 2. 不刷屏 3. 互相尊重", "周六下午有线下交流会，报名请接龙",
    "本群只讨论病情和康复，请勿闲聊",
    "请大家不要私下加人推销，发现即移出", "下周一起医院门诊调整时间，请留意", "感谢大家一直以来的支持🙏",
)  # fmt: skip

CAMPAIGN_CALLS = (
    "【活动】邀请3位好友入群，即送康宁营养粉一罐！", "裂变活动还有最后三天，抓紧邀请哦",
    "活动规则：好友入群满3天才算有效邀请", "恭喜第一批完成邀请的朋友，奖品已寄出",
)  # fmt: skip

SELLING = (
    "需要的朋友可以私聊我，团购价更优惠", "新到一批货，今天下单明天发顺丰", "今天又有两位病友下单了",
    "老客户回购打九折", "正品保证，假一赔十", "有需要的私我，我帮大家统一下单", "一个疗程三瓶，建议连续吃",
    "我自己吃了一年了，才推荐给大家", "这周下单送营养粉一罐",
)  # fmt: skip

ADS = (
    "兼职日结300，在家就能做，加V：jz88866", "低价代购各类进口药，加微信 yao_dg2026 详聊",
    "点击领取新人红包 https://hb.example.cn/r/8Kx2", "免费领取保健品试用装，加我微信 kf_9527",
    "炒股内部群，稳赚不赔，联系QQ 3325601987", "专业代挂各大医院专家号，V：guahao365",
    "Earn 500 USD a day from home! https://bit.example/earn", "刷单返利，一单一结，加V：fl_7788",
)  # fmt: skip

LINK_TITLES = (
    f"{BRAND}｜冬季康复饮食指南", "患者如何科学复查？一文读懂", f"{BRAND}｜病友故事：我的抗病第三年",
    "医保新政解读：这些药可以报销了", f"{BRAND}｜线下交流会精彩回顾",
)  # fmt: skip

EMOJI = ("👍", "❤️", "😂", "🙏", "🌹", "💪", "👏", "🎉")


class Pool(IntEnum):
    CHAT = 0
    QUESTIONS = 1
    REPLIES = 2
    ANNOUNCEMENTS = 3
    CAMPAIGN_CALLS = 4
    SELLING = 5
    LINK_TITLES = 6


_POOLS = (CHAT, QUESTIONS, REPLIES, ANNOUNCEMENTS, CAMPAIGN_CALLS, SELLING, LINK_TITLES)
TEXTS: tuple[str, ...] = tuple(line for pool in _POOLS for line in pool)
POOL_START = np.cumsum([0, *(len(pool) for pool in _POOLS)])[:-1]
POOL_SIZE = np.array([len(pool) for pool in _POOLS])


def text_indexes(rng: np.random.Generator, pools: np.ndarray) -> np.ndarray:
    """An index into TEXTS for each message, drawn from its pool; a few lines come up far more often."""
    u = rng.random(len(pools)) ** 1.6  # favour the first lines of each pool: the everyday ones
    indexes: np.ndarray = POOL_START[pools] + (u * POOL_SIZE[pools]).astype(np.int64)
    return indexes
