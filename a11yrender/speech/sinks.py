"""Where a player's audio goes: a small sink interface and two sinks.

A sink takes PCM the way a sound device does: :meth:`Sink.write` blocks
until the device has taken the audio, and :attr:`Sink.played_frames` says
how much has actually been heard, which is what keeps word events in step
with the sound. :class:`SimulatedSink` consumes audio on a simulated clock
(faster than real time, or advanced by hand) and records everything, for
tests; :class:`CommandSink` pipes raw PCM to a command-line player
(``paplay``, ``aplay``, ``pw-play``, sox ``play``, ``ffplay``);
:func:`default_sink` finds one or raises :class:`NoAudioDeviceError`.
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import subprocess
import sys
import threading
import time
from typing import Protocol, runtime_checkable

from ..errors import NoAudioDeviceError, OptionError

__all__ = ["PLAYERS", "CommandSink", "SimulatedSink", "Sink", "default_sink", "find_player"]

#: How long a simulated device may wait for the next write without starving (s).
_SLACK_S = 0.005


@runtime_checkable
class Sink(Protocol):
    """What a player writes audio to.

    ``write`` blocks as a device would. ``pause``, ``resume`` and ``flush``
    may be called from another thread while ``write`` blocks: ``flush``
    drops what has not been heard and makes a blocked ``write`` return at once
    (the player uses it to stop and to jump promptly).
    """

    def open(self, sample_rate: int, channels: int, sample_width: int) -> None:
        """Start taking audio in this format (called again when the format changes)."""
        ...

    def write(self, pcm: bytes) -> None:
        """Hand over PCM; blocks until the device has taken it."""
        ...

    def pause(self) -> None:
        """Stop consuming audio; what was written stays queued."""
        ...

    def resume(self) -> None:
        """Consume audio again from where it paused."""
        ...

    def flush(self) -> None:
        """Drop audio not yet heard; a blocked ``write`` returns."""
        ...

    def drain(self) -> None:
        """Block until everything written has been heard."""
        ...

    def close(self) -> None:
        """Release the device (after draining or flushing)."""
        ...

    @property
    def played_frames(self) -> int:
        """Frames heard since the sink was created (across re-opens)."""
        ...


class SimulatedSink:
    """A sound device on a simulated clock, recording what it was given.

    ``speed``: how many times faster than real time audio is consumed
    (``math.inf``: at once); ``speed=None`` makes a manual clock that only
    moves when :meth:`advance` is called, so a test decides exactly how much
    has been heard. Everything written is kept in :attr:`pcm`, every call in
    :attr:`log` (``("open", rate, channels, width)``, ``("pause",)``, …).
    """

    def __init__(self, speed: float | None = 50.0) -> None:
        if speed is not None and (isinstance(speed, bool) or not speed > 0):
            raise OptionError(f"speed must be a positive number or None, not {speed!r}")
        self.speed = speed
        self.log: list[tuple[object, ...]] = []
        self.pcm = bytearray()
        self.fmt: tuple[int, int, int] | None = None
        self.paused = False
        self.closed = False
        self._played = 0  # frames consumed since creation
        self._budget = 0.0  # ms the manual clock has been advanced by, not yet used
        self._cond = threading.Condition()
        self._flushes = 0
        # Real time at which the audio consumed so far ran out: the next write goes on
        # from there, as a device with a small buffer would, so sleeping granularity
        # does not slow the clock down.
        self._mark: float | None = None

    # -- the clock -------------------------------------------------------------------

    @property
    def played_frames(self) -> int:
        """Frames consumed since creation."""
        with self._cond:
            return self._played

    @property
    def played_ms(self) -> float:
        """Milliseconds of audio consumed (at the current format's rate)."""
        with self._cond:
            rate = self.fmt[0] if self.fmt else 1000
            return self._played * 1000.0 / rate

    def advance(self, ms: float) -> None:
        """Let ``ms`` more milliseconds of audio be consumed (manual clock only)."""
        if self.speed is not None:
            raise OptionError("advance() is for a SimulatedSink made with speed=None")
        with self._cond:
            self._budget += ms
            self._cond.notify_all()

    # -- the sink interface --------------------------------------------------------------

    def open(self, sample_rate: int, channels: int, sample_width: int) -> None:
        """Take audio in this format."""
        with self._cond:
            self.fmt = (sample_rate, channels, sample_width)
            self.closed = False
            self.log.append(("open", sample_rate, channels, sample_width))

    def write(self, pcm: bytes) -> None:
        """Consume ``pcm`` on the simulated clock; returns when it is all heard,
        or at once after :meth:`flush`."""
        with self._cond:
            if self.fmt is None or self.closed:
                raise OptionError("write() on a sink that is not open")
            rate, channels, width = self.fmt
            frame = channels * width
            frames = len(pcm) // frame
            flushes = self._flushes
            self.log.append(("write", frames))
            done = 0
            while done < frames:
                if self._flushes != flushes:
                    break
                if self.paused:
                    self._cond.wait(0.05)
                    self._mark = None
                    continue
                if self.speed is None:
                    can = math.floor(self._budget * rate / 1000.0 + 1e-9)
                    if can <= 0:
                        self._cond.wait(0.05)
                        continue
                    step = min(can, frames - done)
                    self._budget -= step * 1000.0 / rate
                elif math.isinf(self.speed):
                    step = frames - done
                else:
                    now = time.monotonic()
                    if self._mark is None or now - self._mark > _SLACK_S:
                        self._mark = now  # started, or starved: the clock starts from now
                    due = math.floor((now - self._mark) * self.speed * rate + 1e-9)
                    step = min(frames - done, due)
                    if step <= 0:
                        need = (frames - done) / rate / self.speed
                        self._cond.wait(min(max(need, 0.0005), 0.01))
                        continue
                    self._mark += step / rate / self.speed
                self.pcm += pcm[done * frame:(done + step) * frame]
                done += step
                self._played += step

    def pause(self) -> None:
        """Stop the clock."""
        with self._cond:
            self.paused = True
            self.log.append(("pause",))
            self._cond.notify_all()

    def resume(self) -> None:
        """Start the clock again."""
        with self._cond:
            self.paused = False
            self._mark = None
            self.log.append(("resume",))
            self._cond.notify_all()

    def flush(self) -> None:
        """Make a blocked write return; nothing is buffered, so nothing else to drop."""
        with self._cond:
            self._flushes += 1
            self._mark = None
            self.log.append(("flush",))
            self._cond.notify_all()

    def drain(self) -> None:
        """Nothing is buffered: written audio has been heard when write returned."""
        with self._cond:
            self.log.append(("drain",))

    def close(self) -> None:
        """Mark the sink closed (it can be opened again)."""
        with self._cond:
            self.closed = True
            self.log.append(("close",))
            self._cond.notify_all()


# --------------------------------------------------------------------------- real devices

#: Command-line players that take raw PCM on standard input, in order of preference.
#: ``{rate}``, ``{channels}``, ``{bits}`` are filled in; audio is signed little-endian.
PLAYERS: tuple[tuple[str, ...], ...] = (
    ("paplay", "--raw", "--rate={rate}", "--channels={channels}", "--format=s{bits}le"),
    ("pw-play", "--rate={rate}", "--channels={channels}", "--format=s{bits}", "-"),
    ("aplay", "-q", "-t", "raw", "-f", "S{bits}_LE", "-r", "{rate}", "-c", "{channels}"),
    ("play", "-q", "-t", "raw", "-r", "{rate}", "-e", "signed", "-b", "{bits}",
     "-c", "{channels}", "-"),
    ("ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet", "-f", "s{bits}le",
     "-ar", "{rate}", "-ac", "{channels}", "-i", "-"),
)

_NO_DEVICE = "use --save out.wav to write the audio to a file instead"


def _has_device() -> tuple[bool, str]:
    """Whether this machine has somewhere to play sound (Linux checks; others assumed)."""
    if not sys.platform.startswith("linux"):
        return True, ""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    server = bool(os.environ.get("PULSE_SERVER")) or (bool(runtime) and any(
        os.path.exists(os.path.join(runtime, name)) for name in ("pulse/native", "pipewire-0")))
    if server or os.path.isdir("/dev/snd"):
        return True, ""
    return False, "no audio output device (no /dev/snd, no sound server)"


def find_player() -> tuple[tuple[str, ...] | None, str]:
    """The first usable command from :data:`PLAYERS`, or (None, why there is none)."""
    ok, why = _has_device()
    if not ok:
        return None, why
    for cmd in PLAYERS:
        exe = shutil.which(cmd[0])
        if exe:
            return (exe, *cmd[1:]), ""
    names = ", ".join(c[0] for c in PLAYERS)
    return None, f"no audio player command found ({names})"


def default_sink() -> Sink:
    """A sink for this machine's sound output; :class:`NoAudioDeviceError` if there is none."""
    cmd, why = find_player()
    if cmd is None:
        raise NoAudioDeviceError(f"cannot play audio: {why}; {_NO_DEVICE}")
    return CommandSink(cmd)


class CommandSink:
    """Raw PCM piped to a command-line player, paced by the wall clock.

    Writes are held back so that at most ``lead_ms`` of audio is ahead of
    what the clock says was heard: pause and stop take effect within about
    that long, and word events are at most that early. :meth:`flush` ends
    the player process (its buffer cannot be emptied any other way); the
    next write starts a new one.
    """

    def __init__(self, command: tuple[str, ...] | list[str], lead_ms: float = 150.0) -> None:
        self.command = tuple(command)
        self.lead_ms = lead_ms
        self.fmt: tuple[int, int, int] | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._cond = threading.Condition()
        self._written = 0  # frames handed to the process since creation
        self._base = 0.0  # monotonic time at which frame `_base_frames` was due
        self._base_frames = 0
        self._paused_at: float | None = None
        self._flushes = 0

    @property
    def played_frames(self) -> int:
        """Frames the clock says were heard (never more than were written)."""
        with self._cond:
            return self._heard(time.monotonic())

    def _heard(self, now: float) -> int:
        if self.fmt is None:
            return 0
        if self._paused_at is not None:
            now = self._paused_at
        est = self._base_frames + math.floor((now - self._base) * self.fmt[0])
        return max(0, min(self._written, est))

    def _argv(self) -> list[str]:
        assert self.fmt is not None
        rate, channels, width = self.fmt
        return [part.format(rate=rate, channels=channels, bits=8 * width)
                for part in self.command]

    def _start(self) -> subprocess.Popen[bytes]:
        try:
            return subprocess.Popen(self._argv(), stdin=subprocess.PIPE,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as err:
            raise NoAudioDeviceError(f"cannot start {self.command[0]} ({err}); "
                                     f"{_NO_DEVICE}") from err

    def open(self, sample_rate: int, channels: int, sample_width: int) -> None:
        """Start the player process for this format."""
        if self._proc is not None:
            self.drain()
            self.close()
        with self._cond:
            self.fmt = (sample_rate, channels, sample_width)
            self._base, self._base_frames = time.monotonic(), self._written

    def write(self, pcm: bytes) -> None:
        """Pipe ``pcm`` to the player, no faster than real time plus the lead."""
        with self._cond:
            if self.fmt is None:
                raise OptionError("write() on a sink that is not open")
            rate, channels, width = self.fmt
            frame = channels * width
            flushes = self._flushes
            if self._proc is None or self._proc.poll() is not None:
                self._proc = self._start()
                self._base, self._base_frames = time.monotonic(), self._written
            proc = self._proc
            lead = round(self.lead_ms * rate / 1000.0)
        offset = 0
        step = max(1, rate // 50) * frame  # 20 ms pieces, so flush and pause act quickly
        while offset < len(pcm):
            with self._cond:
                if self._flushes != flushes:
                    return
                now = time.monotonic()
                if self._paused_at is not None or self._written - self._heard(now) > lead:
                    self._cond.wait(0.01)
                    continue
                if self._written == self._heard(now) and self._paused_at is None:
                    # Caught up (an underrun): restart the clock from now.
                    self._base, self._base_frames = now, self._written
            piece = pcm[offset:offset + step]
            try:
                assert proc.stdin is not None
                proc.stdin.write(piece)
                proc.stdin.flush()
            except (BrokenPipeError, ValueError, OSError) as err:
                with self._cond:
                    if self._flushes != flushes:
                        return
                raise NoAudioDeviceError(f"{self.command[0]} stopped taking audio "
                                         f"({err}); {_NO_DEVICE}") from err
            offset += len(piece)
            with self._cond:
                self._written += len(piece) // frame

    def pause(self) -> None:
        """Hold back further audio (what the player buffered, up to the lead, still plays)."""
        with self._cond:
            if self._paused_at is None:
                self._paused_at = time.monotonic()

    def resume(self) -> None:
        """Carry on from where the clock stopped."""
        with self._cond:
            if self._paused_at is not None:
                self._base += time.monotonic() - self._paused_at
                self._paused_at = None
                self._cond.notify_all()

    def flush(self) -> None:
        """End the player process so buffered audio is not heard."""
        with self._cond:
            self._flushes += 1
            proc, self._proc = self._proc, None
            self._written = self._heard(time.monotonic())
            self._cond.notify_all()
        if proc is not None:
            _end(proc)

    def drain(self) -> None:
        """Wait (up to the lead plus a second) until the clock has played everything."""
        deadline = time.monotonic() + self.lead_ms / 1000.0 + 1.0
        while time.monotonic() < deadline:
            with self._cond:
                if self._paused_at is None and self._heard(time.monotonic()) >= self._written:
                    return
                self._cond.wait(0.01)

    def close(self) -> None:
        """Close the player's input and let it finish (a second at most)."""
        with self._cond:
            proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=1.0)
        except (OSError, subprocess.TimeoutExpired):
            _end(proc)


def _end(proc: subprocess.Popen[bytes]) -> None:
    """Stop a player process at once and reap it."""
    with contextlib.suppress(OSError):
        proc.kill()
    with contextlib.suppress(OSError):
        if proc.stdin is not None:
            proc.stdin.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=1.0)
