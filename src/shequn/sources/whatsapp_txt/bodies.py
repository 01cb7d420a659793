"""What WhatsApp writes in place of a message's content: media left out of the export, attached
files, deleted messages, and the mark it appends to an edited message, in the locales shequn reads.

English is verified on real exports (chat-miner, WhatsR, Pustur); the other spellings are as
reported by parsers written for those locales, and docs/formats/whatsapp_txt.md says which.
"""

from __future__ import annotations

import re

from ...domain.events import Media

# A whole first line that stands for media left out of a "without media" export.
OMITTED: dict[str, Media] = {
    "<Media omitted>": Media.OTHER,
    "<Medien ausgeschlossen>": Media.OTHER,
    "<Multimedia omitido>": Media.OTHER,
    "<Mídia oculta>": Media.OTHER,
    "<Arquivo de mídia oculto>": Media.OTHER,
    "<Médias omis>": Media.OTHER,
    "<省略影音内容>": Media.OTHER,
    "image omitted": Media.PHOTO,
    "video omitted": Media.VIDEO,
    "audio omitted": Media.VOICE,
    "sticker omitted": Media.STICKER,
    "GIF omitted": Media.VIDEO,
    "document omitted": Media.FILE,
    "Contact card omitted": Media.CONTACT,
    "Bild weggelassen": Media.PHOTO,
    "Video weggelassen": Media.VIDEO,
    "Audio weggelassen": Media.VOICE,
    "Sticker weggelassen": Media.STICKER,
    "imagen omitida": Media.PHOTO,
    "video omitido": Media.VIDEO,
    "audio omitido": Media.VOICE,
    "sticker omitido": Media.STICKER,
    "image absente": Media.PHOTO,
    "vidéo absente": Media.VIDEO,
    "audio omis": Media.VOICE,
    "sticker omis": Media.STICKER,
    "document omis": Media.FILE,
    "GIF retiré": Media.VIDEO,
}

# A whole first line that stands for a deleted message, by the sender or by another member.
_DELETED_TEXTS = (
    "This message was deleted", "You deleted this message", "Message deleted",
    "Se eliminó este mensaje", "Eliminaste este mensaje", "Este mensaje fue eliminado",
    "Diese Nachricht wurde gelöscht", "Du hast diese Nachricht gelöscht",
    "Esta mensagem foi apagada", "Você apagou esta mensagem",
    "Ce message a été supprimé", "Vous avez supprimé ce message",
    "这条消息已删除", "此消息已删除", "你删除了此消息", "你删除了这条消息",
)  # fmt: skip
DELETED = frozenset(text + end for text in _DELETED_TEXTS for end in ("", "."))

_EDITED = re.compile(
    r"[ \u00a0\u202f]?\u200e?<(?:This message was edited|Se editó este mensaje\.?"
    r"|Diese Nachricht wurde bearbeitet\.?|Esta mensagem foi editada|Mensagem editada"
    r"|Ce message a été modifié|此消息已编辑|已编辑)>$"
)
_ATTACHED_IOS = re.compile(
    r"<(?:attached|angehängt|adjunto|anexado|pièce jointe|已附加|附件) ?[:：] ?([^>\n]+)>"
)
_ATTACHED_ANDROID = re.compile(
    r"(\S[^\n]*?\.[0-9A-Za-z]{2,5}) "
    r"\((?:file attached|Datei angehängt|archivo adjunto|arquivo anexado|fichier joint)\)"
)
_KIND_BY_NAME = (
    (re.compile(r"PHOTO|IMG|\.(?:jpe?g|png|heic)$", re.I), Media.PHOTO),
    (re.compile(r"VIDEO|VID|GIF|\.(?:mp4|mov|3gp)$", re.I), Media.VIDEO),
    (re.compile(r"PTT|\.opus$", re.I), Media.VOICE),
    (re.compile(r"AUDIO|AUD|\.(?:mp3|m4a|aac|ogg)$", re.I), Media.AUDIO),
    (re.compile(r"STICKER|STK|\.webp$", re.I), Media.STICKER),
    (re.compile(r"\.vcf$", re.I), Media.CONTACT),
)


def without_edited_mark(text: str) -> tuple[str, bool]:
    """The text without WhatsApp's trailing "<This message was edited>", and whether it had one."""
    found = _EDITED.search(text)
    return (text[: found.start()], True) if found else (text, False)


def attachment(first_line: str) -> Media | None:
    """The kind of a file the export attached in place of the text, if this line names one."""
    found = _ATTACHED_IOS.fullmatch(first_line) or _ATTACHED_ANDROID.fullmatch(first_line)
    if found is None:
        return None
    name = found[1]
    return next((media for pattern, media in _KIND_BY_NAME if pattern.search(name)), Media.FILE)
