"""Anki ``.apkg`` decks (genanki): one note per word, a recognition and a recall card.

Everything Anki uses to recognise what it already has is stable: the note type's id, the
deck's id (from the list's name) and every note's GUID (from the list's name, the word and
its reading). Importing a re-export of an edited list therefore updates the notes the
learner already studies, with their review history, instead of adding copies. Renaming
the list makes a new deck with new notes: for Anki it is a different list.

Anki fields are HTML: every value is escaped, the word is marked in its sentence with
``<b>``, and each pinyin syllable is a ``<span class="toneN">`` that the card's CSS colours
(Pleco's scheme, lifted for Anki's night mode). With ``anki_cloze`` each word that has a
sentence also gets a cloze note (a note type of its own) hiding the word in its sentence.
With ``anki_audio`` (and ``anki_sentence_audio``) the system's Chinese voice says each word
(and its sentence) into a WAV file in the deck's media, played by a ``[sound:…]`` field.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import tempfile
from pathlib import Path

import genanki

from reader.core.atomic import verify_zip, write_atomically
from reader.core.export.model import (
    ExportList,
    ExportOptions,
    ExportWord,
    each_word,
    marked_html,
)
from reader.core.pinyin import run_together, word_pieces
from reader.core.progress import Progress
from reader.core.speech import (
    Engine,
    Utterance,
    save_wav,
    system_engine,
    text_utterance,
    word_utterance,
)

# Never change these: Anki matches note types and decks by id.
MODEL_ID = 1_739_482_615
MODEL_NAME = "Reader (Chinese vocabulary)"
CLOZE_MODEL_ID = 1_739_482_616
CLOZE_MODEL_NAME = "Reader (Chinese sentence cloze)"
CLOZE_FIELDS = ("Text", "Pinyin", "Meaning", "Source")
FIELDS = (
    "Simplified",
    "Traditional",
    "Pinyin",
    "Meaning",
    "Classifier",
    "Example",
    "Example pinyin",
    "Source",
    "HSK",
    "Notes",
)
AUDIO_FIELDS = ("Audio", "Example audio")  # [sound:…] tags; the table formats have no audio
DECK_PREFIX = "Reader::"

_RECOGNITION_FRONT = """<div class="hanzi">{{Simplified}}</div>"""
_RECOGNITION_BACK = """{{FrontSide}}
<hr id="answer">
{{#Traditional}}<div class="traditional">{{Traditional}}</div>{{/Traditional}}
<div class="pinyin">{{Pinyin}}</div>
<div class="meaning">{{Meaning}}</div>
{{#Classifier}}<div class="classifier">CL: {{Classifier}}</div>{{/Classifier}}
{{#Example}}<div class="example">{{Example}} {{Example audio}}</div>{{/Example}}
{{#Example pinyin}}<div class="example-pinyin">{{Example pinyin}}</div>{{/Example pinyin}}
{{#Notes}}<div class="notes">{{Notes}}</div>{{/Notes}}
{{Audio}}
<div class="footer">{{#HSK}}HSK {{HSK}}{{/HSK}} {{#Source}}· {{Source}}{{/Source}}</div>"""
_RECALL_FRONT = """<div class="meaning prompt">{{Meaning}}</div>
{{#Classifier}}<div class="classifier">CL: {{Classifier}}</div>{{/Classifier}}"""
_RECALL_BACK = """{{FrontSide}}
<hr id="answer">
<div class="hanzi">{{Simplified}}</div>
{{#Traditional}}<div class="traditional">{{Traditional}}</div>{{/Traditional}}
<div class="pinyin">{{Pinyin}}</div>
{{#Example}}<div class="example">{{Example}}</div>{{/Example}}
{{#Notes}}<div class="notes">{{Notes}}</div>{{/Notes}}
{{Audio}}"""

CARD_CSS = """.card {
  font-family: "Noto Sans", "Segoe UI", "Helvetica Neue", sans-serif;
  font-size: 20px; text-align: center; color: #1d1d1f; background: #fdfdfb;
  line-height: 1.5;
}
.nightMode.card, .night_mode .card { color: #e8e8e8; background: #232325; }
.hanzi { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 56px; }
.traditional { font-family: "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei",
  sans-serif; font-size: 28px; color: #666; }
.pinyin { font-size: 26px; margin: 6px 0; }
.meaning { font-size: 20px; }
.meaning.prompt { font-size: 26px; }
.classifier, .example-pinyin, .notes, .footer { font-size: 15px; color: #666; }
.example { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 22px; margin-top: 14px; }
.example b { color: #b35a00; }
.footer { margin-top: 14px; }
.nightMode .traditional, .nightMode .classifier, .nightMode .example-pinyin,
.nightMode .notes, .nightMode .footer,
.night_mode .traditional, .night_mode .classifier, .night_mode .example-pinyin,
.night_mode .notes, .night_mode .footer { color: #aaa; }
.nightMode .example b, .night_mode .example b { color: #ffb35c; }
.tone1 { color: #e30000; } .tone2 { color: #02a31a; } .tone3 { color: #1a18e0; }
.tone4 { color: #8900bf; } .tone5 { color: #707070; }
.nightMode .tone1, .night_mode .tone1 { color: #ff6b6b; }
.nightMode .tone2, .night_mode .tone2 { color: #4ed964; }
.nightMode .tone3, .night_mode .tone3 { color: #7f9cff; }
.nightMode .tone4, .night_mode .tone4 { color: #d08bff; }
.nightMode .tone5, .night_mode .tone5 { color: #a8a8a8; }
"""

_MODEL = genanki.Model(
    MODEL_ID,
    MODEL_NAME,
    fields=[{"name": name} for name in (*FIELDS, *AUDIO_FIELDS)],
    templates=[
        {"name": "Recognition", "qfmt": _RECOGNITION_FRONT, "afmt": _RECOGNITION_BACK},
        {"name": "Recall", "qfmt": _RECALL_FRONT, "afmt": _RECALL_BACK},
    ],
    css=CARD_CSS,
    sort_field_index=0,
)


_CLOZE_FRONT = """<div class="example">{{cloze:Text}}</div>
<div class="meaning prompt">{{Meaning}}</div>"""
_CLOZE_BACK = """<div class="example">{{cloze:Text}}</div>
<div class="pinyin">{{Pinyin}}</div>
<div class="meaning">{{Meaning}}</div>
{{#Source}}<div class="footer">{{Source}}</div>{{/Source}}"""

_CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    CLOZE_MODEL_NAME,
    fields=[{"name": name} for name in CLOZE_FIELDS],
    templates=[{"name": "Cloze", "qfmt": _CLOZE_FRONT, "afmt": _CLOZE_BACK}],
    css=CARD_CSS + ".cloze { font-weight: bold; color: #b35a00; }\n",
    model_type=genanki.Model.CLOZE,
)


def deck_name(list_name: str) -> str:
    """``Reader::<list>``; "::" inside a name would nest decks, so it is flattened."""
    return DECK_PREFIX + (" ".join(list_name.split()).replace("::", ":") or "Words")


def deck_id(list_name: str) -> int:
    """The same list name always gives the same deck id (Anki matches decks by id)."""
    digest = hashlib.sha256(deck_name(list_name).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(list_name: str, word: ExportWord) -> str:
    """From the list, the word and its reading: a list holds a word once per reading."""
    reading = " ".join(word.pinyin.lower().split())
    return str(genanki.guid_for("reader", deck_name(list_name), word.simplified, reading))


def pinyin_html(words: str) -> str:
    """Numbered pinyin, word by word (``"yin2hang2 qu3"``) → each syllable in a
    ``<span class="toneN">``, a word's syllables together: ``<span class="tone2">yín</span>
    <span class="tone2">háng</span> <span class="tone3">qǔ</span>`` without the inner space."""
    rendered = []
    for word in words.split():
        parts = []
        for text, tone in word_pieces(word):
            marked = html.escape(text, quote=False)
            parts.append(f'<span class="tone{tone}">{marked}</span>' if tone else marked)
        rendered.append("".join(parts))
    return " ".join(rendered)


def _fields(word: ExportWord, options: ExportOptions) -> list[str]:
    sentence = options.include_sentence and bool(word.sentence)
    return [
        html.escape(word.simplified),
        html.escape(word.traditional) if options.include_traditional else "",
        pinyin_html(run_together(word.pinyin)),
        html.escape(word.meaning),
        html.escape(word.classifiers),
        marked_html(word.sentence, (word.simplified, word.traditional)) if sentence else "",
        pinyin_html(word.sentence_pinyin) if sentence else "",
        html.escape(word.source),
        html.escape(word.hsk),
        _multiline(word.notes) if options.include_notes else "",
    ]


def _cloze_fields(word: ExportWord) -> list[str]:
    """The sentence with the word hidden (``{{c1::银行}}``); its pinyin and meaning as hints."""
    text = "".join(
        "{{c1::" + html.escape(piece) + "}}" if is_word else html.escape(piece)
        for piece, is_word in word.sentence_pieces()
    )
    pinyin = pinyin_html(run_together(word.pinyin))
    return [text, pinyin, html.escape(word.meaning), html.escape(word.source)]


def _multiline(text: str) -> str:
    return re.sub(r"\r\n|\r|\n", "<br>", html.escape(text))


class SpokenMedia:
    """The words' (and sentences') audio as WAV files in ``folder``, one per distinct
    utterance; named from what is said and the voice, so a re-export gives the same
    names and Anki keeps one copy of each."""

    def __init__(self, folder: Path, engine: Engine) -> None:
        self.folder = folder
        self.engine = engine
        self.files: dict[str, Path] = {}

    def sound(self, utterance: Utterance) -> str:
        """The ``[sound:…]`` tag that plays ``utterance`` (written on first use)."""
        if not utterance.text:
            return ""
        said = f"{self.engine.name}\0{utterance.text}\0{utterance.pinyin}"
        name = "reader-" + hashlib.sha256(said.encode("utf-8")).hexdigest()[:20] + ".wav"
        if name not in self.files:
            save_wav(self.engine, utterance, self.folder / name, overwrite=True)
            self.files[name] = self.folder / name
        return f"[sound:{name}]"


def _audio_fields(word: ExportWord, options: ExportOptions, media: SpokenMedia | None) -> list[str]:
    if media is None:
        return ["", ""]
    try:
        said = word_utterance(word.simplified, word.pinyin)
    except ValueError:  # a reading that does not pair with the characters
        said = Utterance(word.simplified)
    sentence = options.anki_sentence_audio and options.include_sentence and word.sentence
    return [
        media.sound(said) if options.anki_audio else "",
        media.sound(text_utterance(word.sentence, word.sentence_pinyin)) if sentence else "",
    ]


def build_deck(
    word_list: ExportList,
    options: ExportOptions,
    progress: Progress | None = None,
    media: SpokenMedia | None = None,
) -> genanki.Deck:
    deck = genanki.Deck(deck_id(word_list.name), deck_name(word_list.name))
    seen: set[str] = set()
    for index, word in enumerate(each_word(word_list, progress, "Making notes")):
        if media is not None and progress is not None:  # ~60 ms a word: report each one
            progress.step(index, len(word_list.words), "Recording the words' audio")
        guid = note_guid(word_list.name, word)
        if not word.simplified or guid in seen:
            continue  # the same word and reading twice would be one note in Anki anyway
        seen.add(guid)
        deck.add_note(
            genanki.Note(
                model=_MODEL,
                fields=[*_fields(word, options), *_audio_fields(word, options, media)],
                guid=guid,
                sort_field=word.simplified,
            )
        )
        if options.anki_cloze and any(is_word for _, is_word in word.sentence_pieces()):
            deck.add_note(
                genanki.Note(
                    model=_CLOZE_MODEL,
                    fields=_cloze_fields(word),
                    guid=guid + "-cloze",
                    sort_field=word.sentence,
                )
            )
    return deck


def write_apkg(
    path: str | os.PathLike[str],
    word_list: ExportList,
    options: ExportOptions,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> Path:
    """With ``anki_audio`` or ``anki_sentence_audio`` the system's Chinese voice speaks into
    the deck's media (`SpeechError`, such as `NoChineseVoice`, if it cannot)."""
    if not (options.anki_audio or options.anki_sentence_audio):
        return _write_package(path, build_deck(word_list, options, progress), [], overwrite)
    engine = system_engine()
    with tempfile.TemporaryDirectory(prefix="reader-audio-") as folder:
        media = SpokenMedia(Path(folder), engine)
        deck = build_deck(word_list, options, progress, media)
        return _write_package(path, deck, list(media.files.values()), overwrite)


def _write_package(
    path: str | os.PathLike[str], deck: genanki.Deck, media: list[Path], overwrite: bool
) -> Path:
    package = genanki.Package(deck, media_files=[str(file) for file in media])
    return write_atomically(
        path,
        lambda temp: package.write_to_file(str(temp)),
        overwrite=overwrite,
        verify=verify_zip,
    )
