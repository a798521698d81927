"""Make the demo course videos: narrated title cards with matching WebVTT captions.

For every module of a course JSON file (learning/default_content/ht101.<lang>.json), this
script speaks each sentence of the module's video transcript with espeak-ng, then uses ffmpeg
to draw calm title cards (white DejaVu Sans text on dark blue) that stay on screen while the
sentence is spoken. It writes, in learning/default_content/videos/:

    <slug>.<lang>.webm   VP9 video + mono Opus narration, kept under 3 MB
    <slug>.<lang>.vtt    WebVTT captions, one cue per transcript sentence

The video opens with a card showing the video title (2.5 s of silence). Each sentence card then
lasts for the sentence's spoken audio plus a 0.4 s pause, and its caption cue runs from the start
to the end of that sentence's audio.

Run it from the project root:

    python scripts/make_course_videos.py
    python scripts/make_course_videos.py --course learning/default_content/ht101.en.json
    python scripts/make_course_videos.py --voice es=es-es

Without --course it makes videos for ht101.en.json and ht101.es.json, whichever exist.
It needs the Debian packages espeak-ng, ffmpeg and fonts-dejavu-core; it uses only the
Python standard library. Rerunning it overwrites the outputs with the same result.
"""

from __future__ import annotations

import argparse
import array
import json
import shutil

# A developer tool that drives ffmpeg and espeak-ng.
import subprocess  # nosec B404
import sys
import tempfile
import textwrap
import wave
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = PROJECT_ROOT / "learning" / "default_content"
DEFAULT_COURSES = [CONTENT_DIR / "ht101.en.json", CONTENT_DIR / "ht101.es.json"]
DEFAULT_OUTPUT_DIR = CONTENT_DIR / "videos"
DEFAULT_VOICES = {"en": "en-us", "es": "es-419"}
REQUIRED_PACKAGES = "espeak-ng ffmpeg fonts-dejavu-core"

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BODY_FONT = FONT_DIR / "DejaVuSans.ttf"
TITLE_FONT = FONT_DIR / "DejaVuSans-Bold.ttf"

WIDTH, HEIGHT = 640, 360
FPS = 10  # cheap for static cards, and keeps card changes within 0.1 s of the audio
BACKGROUND = "0x183b63"
TEXT_COLOR = "white"
SPEECH_RATE_WPM = 150
LEAD_IN_SECONDS = 2.5
PAUSE_SECONDS = 0.4
MAX_BYTES = 3 * 1024 * 1024
# (VP9 crf, Opus kbit/s), tried in order until the file fits under MAX_BYTES.
QUALITY_LADDER = [(40, 40), (48, 32), (56, 32), (63, 32)]

# Silence trimming for espeak-ng output: samples quieter than this count as silence, and this
# much of the silence is kept on each side so words are not clipped.
SILENCE_THRESHOLD = 300
SILENCE_MARGIN_SECONDS = 0.05


@dataclass(frozen=True)
class CardStyle:
    """How one kind of card lays out its text."""

    font: Path
    sizes: tuple[int, ...]  # font sizes to try, largest first
    max_lines: int
    # Average glyph width as a share of the font size, used to choose where to wrap.
    glyph_width: float


TITLE_STYLE = CardStyle(font=TITLE_FONT, sizes=(36, 32, 28), max_lines=4, glyph_width=0.64)
SENTENCE_STYLE = CardStyle(font=BODY_FONT, sizes=(30, 27, 24, 21), max_lines=6, glyph_width=0.57)
TEXT_AREA_WIDTH = WIDTH - 80
LINE_SPACING = 1.35


@dataclass(frozen=True)
class Card:
    """One title card: wrapped lines of text shown from start to end (seconds)."""

    lines: tuple[str, ...]
    font: Path
    font_size: int
    start: float
    end: float


class ToolError(RuntimeError):
    """An external tool is missing or failed."""


# ---------------------------------------------------------------------------
# Pure helpers (unit-testable)
# ---------------------------------------------------------------------------


def caption_cues(durations: list[float], lead_in: float, pause: float) -> list[tuple[float, float]]:
    """Return (start, end) seconds for each spoken sentence.

    The first sentence starts after `lead_in`; each sentence lasts its duration and is followed
    by `pause` seconds of silence before the next one starts.
    """
    cues = []
    start = lead_in
    for duration in durations:
        end = start + duration
        cues.append((start, end))
        start = end + pause
    return cues


def format_timestamp(seconds: float) -> str:
    """Format seconds as a WebVTT timestamp, "HH:MM:SS.mmm"."""
    total_ms = max(0, round(seconds * 1000))
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def escape_vtt_text(text: str) -> str:
    """Escape the characters WebVTT cue text treats specially."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(sentences: list[str], cues: list[tuple[float, float]]) -> str:
    """Build a WebVTT document with one cue per sentence."""
    blocks = ["WEBVTT"]
    for sentence, (start, end) in zip(sentences, cues, strict=True):
        timing = f"{format_timestamp(start)} --> {format_timestamp(end)}"
        blocks.append(f"{timing}\n{escape_vtt_text(sentence)}")
    return "\n\n".join(blocks) + "\n"


def wrap_for_card(text: str, style: CardStyle) -> tuple[tuple[str, ...], int]:
    """Wrap text to fit the card, choosing the largest font size that fits max_lines."""
    for size in style.sizes:
        width = int(TEXT_AREA_WIDTH / (size * style.glyph_width))
        lines = textwrap.wrap(text, width=width, break_long_words=False)
        if len(lines) <= style.max_lines:
            return tuple(lines), size
    return tuple(lines), style.sizes[-1]


def build_cards(title: str, cues: list[tuple[float, float]], sentences: list[str]) -> list[Card]:
    """Lay out the title card and one card per sentence, covering the whole video."""
    lines, size = wrap_for_card(title, TITLE_STYLE)
    cards = [Card(lines, TITLE_STYLE.font, size, 0.0, LEAD_IN_SECONDS)]
    for sentence, (start, end) in zip(sentences, cues, strict=True):
        lines, size = wrap_for_card(sentence, SENTENCE_STYLE)
        cards.append(Card(lines, SENTENCE_STYLE.font, size, start, end + PAUSE_SECONDS))
    return cards


def escape_filter_value(value: str) -> str:
    """Quote a value for an ffmpeg filtergraph option (everything inside '...' is literal)."""
    return "'" + value.replace("'", "'\\''") + "'"


def drawtext_filters(card: Card, text_files: list[Path]) -> list[str]:
    """Return one drawtext filter per line, each line centred, the block centred vertically."""
    line_height = round(card.font_size * LINE_SPACING)
    block_height = line_height * len(card.lines)
    first_baseline = (HEIGHT - block_height) // 2 + card.font_size
    # Show a card on [start, end); the last frame of the video keeps the last card.
    enable = f"gte(t,{card.start:.3f})*lt(t,{card.end:.3f})"
    filters = []
    for index, text_file in enumerate(text_files):
        baseline = first_baseline + index * line_height
        options = [
            f"fontfile={escape_filter_value(str(card.font))}",
            f"textfile={escape_filter_value(str(text_file))}",
            "expansion=none",
            f"fontsize={card.font_size}",
            f"fontcolor={TEXT_COLOR}",
            "x=(w-text_w)/2",
            f"y={baseline}-ascent",
            f"enable='{enable}'",
        ]
        filters.append("drawtext=" + ":".join(options))
    return filters


# ---------------------------------------------------------------------------
# External tools
# ---------------------------------------------------------------------------


def check_tools() -> None:
    """Fail with an install hint when espeak-ng, ffmpeg, ffprobe or the fonts are missing."""
    missing = [tool for tool in ("espeak-ng", "ffmpeg", "ffprobe") if shutil.which(tool) is None]
    missing += [str(font) for font in (BODY_FONT, TITLE_FONT) if not font.exists()]
    if missing:
        raise ToolError(
            f"Missing: {', '.join(missing)}.\n"
            f"Install the Debian packages with:\n"
            f"    apt-get update && apt-get install -y {REQUIRED_PACKAGES}"
        )


def run(command: list[str]) -> str:
    """Run a command, returning stdout; raise ToolError with its stderr if it fails."""
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 # nosec B603
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise ToolError(f"{command[0]} failed (exit {result.returncode}):\n{tail}")
    return result.stdout


def speak(sentence: str, voice: str, path: Path) -> None:
    """Synthesize one sentence to a WAV file with espeak-ng."""
    run(["espeak-ng", "-v", voice, "-s", str(SPEECH_RATE_WPM), "-w", str(path), "--", sentence])


def probe_duration(path: Path) -> float:
    """Return a media file's duration in seconds, using ffprobe."""
    output = run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "default=noprint_wrappers=1:nokey=1",
            str(path),
        ]
    )
    return float(output.strip())


def probe_stream_types(path: Path) -> list[str]:
    """Return the codec types ("video", "audio", ...) of a media file's streams."""
    output = run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "stream=codec_type",
            "-of",
            "default=noprint_wrappers=1:nokey=1",
            str(path),
        ]
    )
    return output.split()


# ---------------------------------------------------------------------------
# Audio
# ---------------------------------------------------------------------------


@dataclass
class Clip:
    """Mono 16-bit PCM samples."""

    samples: array.array
    rate: int

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate


def read_clip(path: Path) -> Clip:
    """Read a mono 16-bit WAV file (what espeak-ng writes)."""
    with wave.open(str(path), "rb") as reader:
        if reader.getnchannels() != 1 or reader.getsampwidth() != 2:
            raise ToolError(f"{path}: expected mono 16-bit audio from espeak-ng")
        samples = array.array("h", reader.readframes(reader.getnframes()))
        if sys.byteorder == "big":
            samples.byteswap()
        return Clip(samples, reader.getframerate())


def trim_silence(clip: Clip) -> Clip:
    """Drop the leading and trailing silence espeak-ng adds, keeping a short margin."""
    loud = [i for i, sample in enumerate(clip.samples) if abs(sample) > SILENCE_THRESHOLD]
    if not loud:
        return clip
    margin = round(SILENCE_MARGIN_SECONDS * clip.rate)
    first = max(0, loud[0] - margin)
    last = min(len(clip.samples), loud[-1] + 1 + margin)
    return Clip(clip.samples[first:last], clip.rate)


def silence(seconds: float, rate: int) -> array.array:
    """Return the given length of silent samples."""
    return array.array("h", bytes(2 * round(seconds * rate)))


def write_narration(clips: list[Clip], path: Path) -> None:
    """Write lead-in silence, then each clip followed by a pause, as one WAV file."""
    rate = clips[0].rate
    samples = silence(LEAD_IN_SECONDS, rate)
    for clip in clips:
        if clip.rate != rate:
            raise ToolError("espeak-ng produced clips with different sample rates")
        samples.extend(clip.samples)
        samples.extend(silence(PAUSE_SECONDS, rate))
    if sys.byteorder == "big":
        samples.byteswap()
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(samples.tobytes())


def synthesize_sentences(sentences: list[str], voice: str, work_dir: Path) -> list[Clip]:
    """Speak each sentence and return its trimmed audio."""
    clips = []
    for index, sentence in enumerate(sentences):
        path = work_dir / f"sentence_{index:02d}.wav"
        speak(sentence, voice, path)
        clips.append(trim_silence(read_clip(path)))
    return clips


# ---------------------------------------------------------------------------
# Video
# ---------------------------------------------------------------------------


def write_filter_script(cards: list[Card], work_dir: Path) -> Path:
    """Write each card line to a text file and the drawtext filter chain to a script file."""
    filters = []
    for card_index, card in enumerate(cards):
        text_files = []
        for line_index, line in enumerate(card.lines):
            text_file = work_dir / f"card_{card_index:02d}_line_{line_index}.txt"
            text_file.write_text(line, encoding="utf-8")
            text_files.append(text_file)
        filters.extend(drawtext_filters(card, text_files))
    script = work_dir / "cards.filter"
    script.write_text(",\n".join(filters) + "\n", encoding="utf-8")
    return script


def encode_video(
    narration: Path, filter_script: Path, duration: float, output: Path, crf: int, audio_kbps: int
) -> None:
    """Encode the cards and narration as VP9 + Opus WebM."""
    background = f"color=c={BACKGROUND}:s={WIDTH}x{HEIGHT}:r={FPS}:d={duration:.3f}"
    run(
        [
            "ffmpeg",
            "-y",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            background,
            "-i",
            str(narration),
            "-filter_script:v",
            str(filter_script),
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-c:v",
            "libvpx-vp9",
            "-crf",
            str(crf),
            "-b:v",
            "0",
            "-pix_fmt",
            "yuv420p",
            "-g",
            str(FPS * 10),
            "-threads",
            "1",
            "-c:a",
            "libopus",
            "-b:a",
            f"{audio_kbps}k",
            "-ac",
            "1",
            "-ar",
            "48000",
            "-map_metadata",
            "-1",
            "-fflags",
            "+bitexact",
            "-flags:v",
            "+bitexact",
            "-flags:a",
            "+bitexact",
            str(output),
        ]
    )


def encode_under_limit(
    narration: Path, filter_script: Path, duration: float, output: Path
) -> tuple[int, int]:
    """Encode with falling quality until the file is under MAX_BYTES; return (crf, kbps)."""
    for crf, audio_kbps in QUALITY_LADDER:
        encode_video(narration, filter_script, duration, output, crf, audio_kbps)
        if output.stat().st_size < MAX_BYTES:
            return crf, audio_kbps
    raise ToolError(f"{output.name} is still {output.stat().st_size} bytes at the lowest quality")


# ---------------------------------------------------------------------------
# Courses
# ---------------------------------------------------------------------------


def course_language(path: Path, course: dict) -> str:
    """Return the course language: its "language" field, else from "<name>.<lang>.json"."""
    if course.get("language"):
        return course["language"]
    suffixes = path.suffixes
    if len(suffixes) >= 2:
        return suffixes[-2].lstrip(".")
    raise ToolError(f"{path}: cannot tell the language; name it <course>.<lang>.json")


def make_module_video(
    module: dict, lang: str, voice: str, output_dir: Path, work_dir: Path
) -> dict:
    """Make <slug>.<lang>.webm and .vtt for one module and return a summary of the result."""
    slug = module["slug"]
    video = module["video"]
    sentences = [sentence.strip() for sentence in video["transcript"]]
    clips = synthesize_sentences(sentences, voice, work_dir)
    cues = caption_cues([clip.duration for clip in clips], LEAD_IN_SECONDS, PAUSE_SECONDS)
    duration = cues[-1][1] + PAUSE_SECONDS

    narration = work_dir / "narration.wav"
    write_narration(clips, narration)
    filter_script = write_filter_script(build_cards(video["title"], cues, sentences), work_dir)

    webm = output_dir / f"{slug}.{lang}.webm"
    crf, audio_kbps = encode_under_limit(narration, filter_script, duration, webm)
    vtt = output_dir / f"{slug}.{lang}.vtt"
    vtt.write_text(webvtt(sentences, cues), encoding="utf-8")
    return {
        "file": webm.name,
        "bytes": webm.stat().st_size,
        "duration": probe_duration(webm),
        "expected": duration,
        "streams": probe_stream_types(webm),
        "cues": len(cues),
        "crf": crf,
        "audio_kbps": audio_kbps,
    }


def make_course_videos(path: Path, voice_options: list[str], output_dir: Path) -> list[dict]:
    """Make the videos and captions for every module of one course file."""
    course = json.loads(path.read_text(encoding="utf-8"))
    lang = course_language(path, course)
    voice = voice_for(lang, voice_options) or DEFAULT_VOICES.get(lang, lang)
    print(f"{path.name} ({lang}, voice {voice}):")
    output_dir.mkdir(parents=True, exist_ok=True)
    summaries = []
    for module in course["modules"]:
        transcript = (module.get("video") or {}).get("transcript")
        if not transcript:
            print(f"  skipping {module['slug']}: no video transcript", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory(prefix="course-video-") as tmp:
            summary = make_module_video(module, lang, voice, output_dir, Path(tmp))
        print(
            f"  {summary['file']}: {summary['bytes'] / 1024:.0f} KiB, "
            f"{summary['duration']:.2f} s, {summary['cues']} cues "
            f"(crf {summary['crf']}, opus {summary['audio_kbps']} kbit/s)"
        )
        summaries.append(summary)
    return summaries


def voice_for(lang: str, voice_options: list[str]) -> str | None:
    """Pick the voice for a language from --voice options ("VOICE" or "LANG=VOICE")."""
    chosen = None
    for option in voice_options:
        if "=" in option:
            option_lang, voice = option.split("=", 1)
            if option_lang == lang:
                return voice
        else:
            chosen = option
    return chosen


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--course",
        action="append",
        type=Path,
        help="course JSON file (repeatable); default: ht101.en.json and ht101.es.json if present",
    )
    parser.add_argument(
        "--voice",
        action="append",
        default=[],
        help="espeak-ng voice, for all courses (VOICE) or one language (LANG=VOICE); "
        f"default: {', '.join(f'{k} -> {v}' for k, v in DEFAULT_VOICES.items())}",
    )
    parser.add_argument(
        "--output-dir", type=Path, default=DEFAULT_OUTPUT_DIR, help="where to write the videos"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    courses = args.course or [path for path in DEFAULT_COURSES if path.exists()]
    try:
        check_tools()
        if not courses:
            raise ToolError("No course files found; pass --course PATH")
        for path in courses:
            make_course_videos(path, args.voice, args.output_dir)
    except (ToolError, OSError, KeyError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
