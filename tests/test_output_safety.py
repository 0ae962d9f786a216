"""``samvalg brief --out`` is safe to point at a user's folder (issue 10, items 1-4 and 10).

- The folder is the user's: a run replaces or removes only files listed in the manifest
  ``.samvalg-briefing.json`` an earlier run wrote; a non-empty folder without one is refused
  unless ``--force``; an empty ``--out`` is an error.
- Symbolic links are never written through: a link at the folder, ``figures/`` or a file the
  briefing writes is refused with its location, and the link's target is unchanged.
- Atomic briefings: a failed, full-disk, interrupted or killed run leaves the previous briefing
  byte-identical; a swap killed half-way is undone by the next run.
- Interrupts: Ctrl-C is one line and exit 130, SIGTERM one line and exit 143, SIGKILL leaves no
  worker process behind; unencodable output never raises.
- Privacy: ``data.json`` and the text record the input file's name and hash, not its folder.

Most tests swap the analyses for a tiny briefing (:func:`tiny`) so that they test the writing
only; the kill, interrupt and same-bytes tests run the real thing.
"""

from __future__ import annotations

import errno
import hashlib
import importlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import samvalg
from samvalg.cli import main
from samvalg.errors import SamvalgError
from samvalg.report import _swap, _write, build_briefing, write_briefing
from samvalg.report._folder import MANIFEST
from samvalg.report._model import Briefing, Figure, Paragraph, Section

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"
LINUX = sys.platform.startswith("linux")


# -- helpers ----------------------------------------------------------------------------------


def tiny(tag: str, figs: tuple[str, ...] = ("a", "b"), png: bool = True) -> Briefing:
    """A small briefing without any analysis; ``tag`` is in every file, so runs differ
    (``png`` False: figures without a PNG copy, as ``samvalg brief`` without ``--png``)."""
    figures = tuple(
        Figure(
            f"fig_{f}",
            f"Figure {f}",
            f"alt {f}",
            f'<svg xmlns="http://www.w3.org/2000/svg"><title>{tag} {f}</title></svg>',
            f"PNG {tag} {f}".encode() if png else None,
        )
        for f in figs
    )
    sections = [Section("about", "About", (Paragraph(f"Run {tag}: æøå"),))]
    if figures:
        sections.append(Section("figs", "Figures", figures))
    return Briefing(
        title=f"Briefing {tag}",
        subtitle="test",
        lang="en",
        illustrative=False,
        banner="",
        sections=tuple(sections),
        data={"run": tag, "summary": []},
    )


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch):
    """``fake(tag, figs)``: write_briefing (and so ``samvalg brief``) writes tiny(tag, figs)."""

    def use(tag: str = "one", figs: tuple[str, ...] = ("a", "b"), png: bool = True) -> Briefing:
        b = tiny(tag, figs, png)
        monkeypatch.setattr(_write, "build_briefing", lambda *a, **k: b)
        return b

    return use


def snapshot(root: Path) -> dict[str, object]:
    """Every entry under ``root`` (links not followed): bytes, "dir" or "-> target"."""
    snap: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                snap[rel] = "-> " + os.readlink(p)
            elif p.is_dir():
                snap[rel] = "dir"
            else:
                snap[rel] = p.read_bytes()
    return snap


def leftovers(*places: Path) -> list[str]:
    """Temporary folders of a run (``.<name>.samvalg-tmp-<hex>``) in ``places``."""
    return sorted(
        e.name
        for place in places
        if place.is_dir()
        for e in os.scandir(place)
        if ".samvalg-tmp-" in e.name
    )


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("samvalg: error: "), err
    assert "Traceback" not in err
    return lines[0]


def previous(
    out: Path,
    tag: str = "one",
    figs: tuple[str, ...] = ("a", "b"),
    user: dict[str, bytes] | None = None,
) -> dict[str, object]:
    """Write an earlier briefing (tiny) and the user's own files (relative path: bytes) into
    ``out``; its snapshot."""
    b = tiny(tag, figs)
    orig = _write.build_briefing
    _write.build_briefing = lambda *a, **k: b  # type: ignore[assignment]
    try:
        write_briefing(out)
    finally:
        _write.build_briefing = orig  # type: ignore[assignment]
    for rel, data in (user or {}).items():
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return snapshot(out)


# -- 1. the folder is the user's ---------------------------------------------------------------


def test_the_manifest_lists_every_file_written(tmp_path: Path, fake) -> None:
    fake("one")
    w = write_briefing(tmp_path / "out")
    m = json.loads(w.manifest.read_text(encoding="utf-8"))
    assert m["samvalg_briefing"] == 1 and m["samvalg_version"] == samvalg.__version__
    assert m["files"] == sorted(p.relative_to(w.out_dir).as_posix() for p in w.files)
    assert sorted(snapshot(w.out_dir)) == sorted([*m["files"], "figures", MANIFEST])
    assert leftovers(tmp_path, w.out_dir) == []


def test_pngs_of_an_earlier_run_are_removed_by_a_run_without_them(tmp_path: Path, fake) -> None:
    out = tmp_path / "out"
    before = previous(out, "one", user={"figures/mine.png": b"mine"})
    assert "figures/fig_a.png" in before
    fake("two", png=False)
    w = write_briefing(out)
    snap = snapshot(out)
    m = json.loads(w.manifest.read_text(encoding="utf-8"))["files"]
    assert not any(f.endswith(".png") for f in m) and "figures/fig_a.svg" in m
    assert "figures/fig_a.png" not in snap and "figures/fig_b.png" not in snap  # ours, gone
    assert snap["figures/mine.png"] == b"mine"  # the user's, kept
    assert "[PNG]" not in snap["briefing.md"].decode()  # type: ignore[union-attr]
    assert sorted(p.name for p in w.figures) == ["fig_a.svg", "fig_b.svg"]


def test_user_files_survive_a_new_briefing(tmp_path: Path, fake) -> None:
    out = tmp_path / "out"
    user = {
        "notes.txt": b"mine",
        "figures/mine.svg": b"<svg/>",
        "figures/mine.png": b"png",
        "sub/deep.txt": b"deep",
        ".hidden": b"h",
    }
    previous(out, "one", ("a", "b"), user)
    fake("two", ("a",))
    write_briefing(out)
    snap = snapshot(out)
    for rel, data in user.items():
        assert snap[rel] == data, rel
    assert "figures/fig_b.svg" not in snap and "figures/fig_b.png" not in snap  # ours, gone
    assert b"two a" in snap["figures/fig_a.svg"]  # type: ignore[operator]
    assert json.loads(snap["data.json"])["run"] == "two"  # type: ignore[arg-type]
    assert leftovers(tmp_path, out) == []


def test_user_files_survive_through_the_cli(tmp_path: Path, fake, capsys) -> None:
    out = tmp_path / "out"
    fake("one", ("a", "b"))
    assert cli(capsys, "brief", "--out", str(out))[0] == 0
    (out / "notes.txt").write_bytes(b"mine")
    (out / "figures" / "mine.png").write_bytes(b"my png")
    fake("two", ())  # no figures this time: ours go, the folder stays for the user's file
    code, _stdout, err = cli(capsys, "brief", "--out", str(out))
    assert code == 0, err
    snap = snapshot(out)
    assert snap["notes.txt"] == b"mine" and snap["figures/mine.png"] == b"my png"
    assert sorted(snap) == sorted(
        [
            "notes.txt",
            "figures",
            "figures/mine.png",
            "index.html",
            "briefing.md",
            "briefing.pdf",
            "briefing.docx",
            "data.json",
            MANIFEST,
        ]
    )


def test_the_same_folder_twice_in_a_row(tmp_path: Path, fake, capsys, monkeypatch) -> None:
    """``make brief`` twice: the default folder briefing/, the second run replaces the first."""
    monkeypatch.chdir(tmp_path)
    fake("one")
    assert cli(capsys, "brief")[0] == 0
    fake("two")
    assert cli(capsys, "brief")[0] == 0
    assert b"Run two" in (tmp_path / "briefing" / "index.html").read_bytes()
    assert leftovers(tmp_path, tmp_path / "briefing") == []


@pytest.mark.parametrize(
    "user",
    [
        {"notes.txt": b"x"},
        {"index.html": b"my page"},
        {"figures/fig_a.svg": b"my figure"},
        {".DS_Store": b""},
    ],
)
def test_a_folder_without_a_manifest_is_refused(
    tmp_path: Path, fake, capsys, monkeypatch, user: dict[str, bytes]
) -> None:
    out = tmp_path / "out"
    for rel, data in user.items():
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    before = snapshot(out)
    # refused before the analyses run
    monkeypatch.setattr(_write, "build_briefing", lambda *a, **k: pytest.fail("built"))
    with pytest.raises(SamvalgError) as info:
        write_briefing(out)
    text = str(info.value)
    assert "\n" not in text and MANIFEST in text and "--force" in text and str(out) in text
    code, stdout, err = cli(capsys, "brief", "--out", str(out))
    assert code == 2 and stdout == ""
    assert "not empty" in one_error_line(err)
    assert snapshot(out) == before
    assert leftovers(tmp_path, out) == []


def test_force_writes_beside_the_users_files(tmp_path: Path, fake, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_bytes(b"mine")
    (out / "index.html").write_bytes(b"my own page")
    (out / "figures").mkdir()
    (out / "figures" / "mine.png").write_bytes(b"my png")
    fake("one")
    code, _, err = cli(capsys, "brief", "--out", str(out), "--force")
    assert code == 0, err
    snap = snapshot(out)
    assert b"Run one" in snap["index.html"]  # type: ignore[operator]  # replaced (colliding)
    assert snap["notes.txt"] == b"mine" and snap["figures/mine.png"] == b"my png"
    # the manifest is there now: the next run needs no --force and keeps the user's files
    fake("two", ("a",))
    code, _, err = cli(capsys, "brief", "--out", str(out))
    assert code == 0, err
    snap = snapshot(out)
    assert snap["notes.txt"] == b"mine" and snap["figures/mine.png"] == b"my png"
    assert "figures/fig_b.svg" not in snap
    assert leftovers(tmp_path, out) == []


def test_force_through_the_api(tmp_path: Path, fake) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "data.json").write_bytes(b"{}")
    (out / "keep.txt").write_bytes(b"keep")
    fake("one")
    with pytest.raises(SamvalgError, match="not empty"):
        write_briefing(out)
    write_briefing(out, force=True)
    assert json.loads((out / "data.json").read_bytes())["run"] == "one"
    assert (out / "keep.txt").read_bytes() == b"keep"


def test_a_file_samvalg_did_not_write_at_a_new_path_needs_force(
    tmp_path: Path, fake, capsys
) -> None:
    out = tmp_path / "out"
    before = previous(out, "one", ("a",), {"figures/fig_b.svg": b"the user's figure"})
    fake("two", ("a", "b"))
    code, _, err = cli(capsys, "brief", "--out", str(out))
    assert code == 2
    assert "figures/fig_b.svg" in one_error_line(err) and "--force" in err
    assert snapshot(out) == before
    code, _, err = cli(capsys, "brief", "--out", str(out), "--force")
    assert code == 0, err
    assert b"two b" in (out / "figures" / "fig_b.svg").read_bytes()


def test_a_damaged_manifest_is_refused_and_never_names_files_outside(tmp_path: Path, fake) -> None:
    out = tmp_path / "out"
    previous(out)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    (out / MANIFEST).write_text(
        json.dumps({"samvalg_briefing": 1, "files": ["../victim.txt", "index.html"]}),
        encoding="utf-8",
    )
    fake("two")
    with pytest.raises(SamvalgError, match="damaged"):
        write_briefing(out)
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(SamvalgError, match="damaged"):
        write_briefing(out)
    write_briefing(out, force=True)
    assert victim.read_bytes() == b"precious"
    assert json.loads((out / MANIFEST).read_bytes())["samvalg_briefing"] == 1


def test_an_empty_out_is_an_error(tmp_path: Path, fake, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.txt").write_bytes(b"mine")
    fake("one")
    for bad in ("", "   "):
        with pytest.raises(SamvalgError, match="empty folder name"):
            write_briefing(bad)
        code, stdout, err = cli(capsys, "brief", "--out", bad)
        assert code == 2 and stdout == ""
        assert "--out: empty folder name" in one_error_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]


def test_out_dot_is_the_current_folder_and_stays_usable(tmp_path: Path, fake, monkeypatch) -> None:
    here = tmp_path / "here"
    here.mkdir()
    (here / "mine.txt").write_bytes(b"mine")
    monkeypatch.chdir(here)
    fake("one")
    with pytest.raises(SamvalgError, match="not empty"):
        write_briefing(".")
    write_briefing(".", force=True)
    fake("two")
    w = write_briefing(".")
    assert os.path.samefile(Path.cwd(), here)  # the working folder was not swapped away
    assert w.html.read_bytes() == (here / "index.html").read_bytes()
    assert b"Run two" in w.html.read_bytes()
    assert (here / "mine.txt").read_bytes() == b"mine"
    assert leftovers(tmp_path, here) == []


def test_out_that_is_a_file_is_refused(tmp_path: Path, fake, capsys) -> None:
    f = tmp_path / "out"
    f.write_bytes(b"a file")
    fake("one")
    code, _, err = cli(capsys, "brief", "--out", str(f), "--force")
    assert code == 2 and "not a folder" in one_error_line(err)
    assert f.read_bytes() == b"a file"


def test_a_read_only_parent_keeps_the_temporary_folder_inside(
    tmp_path: Path, fake, monkeypatch
) -> None:
    """When the parent cannot hold the temporary folder it goes inside --out, and is gone
    after."""
    out = tmp_path / "out"
    previous(out, user={"notes.txt": b"mine"})
    real = os.mkdir

    def mkdir(path, *args, **kwargs):
        p = Path(path)
        if p.parent == tmp_path and ".samvalg-tmp-" in p.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(p))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    fake("two")
    write_briefing(out)
    assert b"Run two" in (out / "index.html").read_bytes()
    assert (out / "notes.txt").read_bytes() == b"mine"
    assert leftovers(tmp_path, out) == []


# -- 2. links are never followed ---------------------------------------------------------------


LINKED = ["figures", "index.html", "data.json", "briefing.md", MANIFEST, "figures/fig_a.svg"]


@pytest.mark.parametrize("rel", LINKED)
def test_a_link_inside_out_is_refused_and_its_target_unchanged(
    tmp_path: Path, fake, capsys, rel: str
) -> None:
    out = tmp_path / "out"
    previous(out)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_bytes(b"precious")
    (outside / "fig_a.svg").write_bytes(b"precious svg")
    (outside / "fig_z.png").write_bytes(b"precious png")
    link = out / rel
    if link.is_dir():
        shutil.rmtree(link)
        link.symlink_to(outside, target_is_directory=True)
    else:
        link.unlink()
        link.symlink_to(outside / "victim.txt")
    before_out, before_outside = snapshot(out), snapshot(outside)
    fake("two", ("a", "c"))
    for force in (False, True):
        with pytest.raises(SamvalgError) as info:
            write_briefing(out, force=force)
        assert "symbolic link" in str(info.value) and rel in str(info.value)
        args = ["brief", "--out", str(out)] + (["--force"] if force else [])
        code, stdout, err = cli(capsys, *args)
        assert code == 2 and stdout == ""
        line = one_error_line(err)
        assert rel in line and "symbolic link" in line
    assert snapshot(outside) == before_outside
    assert snapshot(out) == before_out
    assert leftovers(tmp_path, out) == []


def test_out_itself_a_link_is_refused(tmp_path: Path, fake, capsys) -> None:
    real_dir = tmp_path / "real"
    previous(real_dir)
    before = snapshot(real_dir)
    out = tmp_path / "out"
    out.symlink_to(real_dir, target_is_directory=True)
    fake("two")
    code, _, err = cli(capsys, "brief", "--out", str(out), "--force")
    assert code == 2 and "symbolic link" in one_error_line(err)
    assert snapshot(real_dir) == before and out.is_symlink()


def test_a_linked_figures_folder_in_a_folder_without_manifest(tmp_path: Path, fake) -> None:
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "fig_a.svg").write_bytes(b"precious")
    (out / "figures").symlink_to(outside, target_is_directory=True)
    fake("one")
    with pytest.raises(SamvalgError, match="figures/ is a symbolic link"):
        write_briefing(out, force=True)
    assert snapshot(outside) == {"fig_a.svg": b"precious"}


def test_a_link_samvalg_does_not_write_is_left_alone(tmp_path: Path, fake) -> None:
    out = tmp_path / "out"
    previous(out)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_bytes(b"precious")
    (out / "shortcut").symlink_to(outside, target_is_directory=True)
    fake("two")
    write_briefing(out)
    assert os.readlink(out / "shortcut") == str(outside)
    assert snapshot(outside) == {"victim.txt": b"precious"}
    assert b"Run two" in (out / "index.html").read_bytes()


# -- 3. atomic briefings -----------------------------------------------------------------------


def _failing(monkeypatch: pytest.MonkeyPatch, method: str, name: str, exc: BaseException) -> None:
    real = getattr(Path, method)

    def write(self: Path, *args, **kwargs):
        if self.name == name:
            raise exc
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, write)


@pytest.mark.parametrize(
    ("method", "name"),
    [("write_text", "data.json"), ("write_bytes", "fig_b.png"), ("write_text", MANIFEST)],
)
@pytest.mark.parametrize("with_user_file", [False, True])
def test_a_full_disk_leaves_the_previous_briefing(
    tmp_path: Path, fake, capsys, monkeypatch, method: str, name: str, with_user_file: bool
) -> None:
    out = tmp_path / "out"
    before = previous(out, user={"notes.txt": b"mine"} if with_user_file else None)
    fake("two")
    _failing(monkeypatch, method, name, OSError(errno.ENOSPC, "No space left on device", name))
    with pytest.raises(SamvalgError, match="No space left on device"):
        write_briefing(out)
    code, _stdout, err = cli(capsys, "brief", "--out", str(out))
    assert code == 2 and "No space left on device" in one_error_line(err)
    assert snapshot(out) == before
    assert leftovers(tmp_path, out) == []


def test_a_failure_in_a_new_folder_leaves_nothing(tmp_path: Path, fake, monkeypatch) -> None:
    fake("one")
    _failing(
        monkeypatch,
        "write_text",
        "index.html",
        OSError(errno.ENOSPC, "No space left on device", "index.html"),
    )
    with pytest.raises(SamvalgError):
        write_briefing(tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_writing_leaves_the_previous_briefing(
    tmp_path: Path, fake, capsys, monkeypatch
) -> None:
    out = tmp_path / "out"
    before = previous(out)
    fake("two")
    _failing(monkeypatch, "write_bytes", "fig_b.png", KeyboardInterrupt())
    code, _stdout, err = cli(capsys, "brief", "--out", str(out))
    assert code == 130 and err == "samvalg: interrupted\n"
    assert snapshot(out) == before
    assert leftovers(tmp_path, out) == []


# A folder with the user's files gets the new files one by one: an error at any step of that
# swap puts every previous file back.
SWAP_STEPS = 1 + 2 * (4 + 3 + 1) + 1  # journal, (aside + in) per file, one spare


@pytest.mark.parametrize("step", range(1, SWAP_STEPS + 1))
def test_a_failure_while_swapping_puts_every_previous_file_back(
    tmp_path: Path, fake, monkeypatch, step: int
) -> None:
    out = tmp_path / "out"
    before = previous(out, "one", ("a", "b"), {"notes.txt": b"mine"})
    fake("two", ("a", "c"))
    real = os.replace
    calls = {"n": 0, "swapping": False}
    real_swap = _swap._swap_files

    def swap(*args, **kwargs):
        calls["swapping"] = True
        return real_swap(*args, **kwargs)

    def replace(src, dst, *args, **kwargs):
        if calls["swapping"]:
            calls["n"] += 1
            if calls["n"] == step:
                calls["swapping"] = False  # the undo itself works
                raise OSError(errno.EIO, "Input/output error", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(_swap, "_swap_files", swap)
    monkeypatch.setattr(os, "replace", replace)
    try:
        write_briefing(out)
    except SamvalgError as exc:
        assert "Input/output error" in str(exc)
        assert snapshot(out) == before
    else:  # past the last step: the new briefing is in, whole
        assert step == SWAP_STEPS
        assert json.loads((out / "data.json").read_bytes())["run"] == "two"
        assert (out / "notes.txt").read_bytes() == b"mine"
    assert leftovers(tmp_path, out) == []


def test_a_folder_of_only_the_briefing_is_replaced_whole_and_keeps_its_mode(
    tmp_path: Path, fake
) -> None:
    out = tmp_path / "out"
    previous(out)
    os.chmod(out, 0o750)
    fake("two", ("c",))
    write_briefing(out)
    assert (out.stat().st_mode & 0o777) == 0o750
    assert sorted(snapshot(out)) == sorted(
        [
            "index.html",
            "briefing.md",
            "briefing.pdf",
            "briefing.docx",
            "data.json",
            MANIFEST,
            "figures",
            "figures/fig_c.svg",
            "figures/fig_c.png",
        ]
    )
    assert leftovers(tmp_path, out) == []


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_leftovers_of_a_killed_run_are_removed_only_when_ours(tmp_path: Path, fake) -> None:
    out = tmp_path / "out"
    previous(out)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:

        def tmpdir(name: str, pid: int | None) -> Path:
            d = tmp_path / name
            (d / "new" / "figures").mkdir(parents=True)
            (d / "new" / "index.html").write_bytes(b"half a pa")
            if pid is not None:
                (d / ".samvalg-tmp").write_text(
                    json.dumps({"pid": pid, "out": "out"}), encoding="utf-8"
                )
            return d

        dead = tmpdir(".out.samvalg-tmp-0123abcd", _dead_pid())
        stale_empty = tmp_path / ".out.samvalg-tmp-00000001"  # killed before it was marked
        stale_empty.mkdir()
        os.utime(stale_empty, (time.time() - 3600, time.time() - 3600))
        fresh_empty = tmp_path / ".out.samvalg-tmp-00000002"  # a run setting up right now
        fresh_empty.mkdir()
        live = tmpdir(".out.samvalg-tmp-89abcdef", sleeper.pid)  # another run, still writing
        unmarked = tmpdir(".out.samvalg-tmp-deadbeef", None)  # not made by samvalg
        other = tmpdir(".other.samvalg-tmp-01234567", _dead_pid())  # another --out's
        fake("two")
        write_briefing(out)
        assert not dead.exists() and not stale_empty.exists()
        assert live.exists() and unmarked.exists() and other.exists() and fresh_empty.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_journal_samvalg_did_not_write_is_not_acted_on(tmp_path: Path, fake) -> None:
    out = tmp_path / "out"
    before = previous(out)
    tmp = tmp_path / ".out.samvalg-tmp-0123abcd"
    (tmp / "old").mkdir(parents=True)
    (tmp / "old" / "index.html").write_bytes(b"kept")
    (tmp / ".samvalg-tmp").write_text(json.dumps({"pid": _dead_pid()}), encoding="utf-8")
    (tmp / ".samvalg-commit").write_text(
        json.dumps({"moves": ["../../x"], "new": []}), encoding="utf-8"
    )
    fake("two")
    with pytest.raises(SamvalgError, match="interrupted earlier run") as info:
        write_briefing(out)
    assert str(tmp) in str(info.value)
    assert (tmp / "old" / "index.html").read_bytes() == b"kept"
    assert snapshot(out) == before


def test_a_folder_on_another_file_system_gets_its_temporary_folder_inside(
    tmp_path: Path, fake, monkeypatch
) -> None:
    """A mount point (--out /mnt/usb): files cannot be renamed across file systems, so the
    temporary folder goes inside --out."""
    out = tmp_path / "out"
    previous(out, user={"notes.txt": b"mine"})
    real = os.stat

    def stat(path, *args, **kwargs):
        st = real(path, *args, **kwargs)
        if Path(path) == tmp_path:
            return os.stat_result((*st[:2], st.st_dev + 1, *st[3:]))
        return st

    made: list[Path] = []
    real_mkdir = os.mkdir

    def mkdir(path, *args, **kwargs):
        made.append(Path(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "mkdir", mkdir)
    fake("two")
    write_briefing(out)
    assert any(p.parent == out and ".samvalg-tmp-" in p.name for p in made)
    assert not any(p.parent == tmp_path and ".samvalg-tmp-" in p.name for p in made)
    assert b"Run two" in (out / "index.html").read_bytes()
    assert (out / "notes.txt").read_bytes() == b"mine"
    assert leftovers(tmp_path, out) == []


_KILL_SWAP = """
import os, sys
sys.path.insert(0, {tests!r})
from test_output_safety import tiny
from samvalg.report import _swap, _write, write_briefing

_write.build_briefing = lambda *a, **k: tiny("two", ("a", "c"))
real_swap, real_replace = _swap._swap_files, os.replace
state = {{"n": 0, "on": False}}

def swap(*a, **k):
    state["on"] = True
    return real_swap(*a, **k)

def replace(src, dst, *a, **k):
    if state["on"]:
        state["n"] += 1
        if state["n"] == int(sys.argv[2]):
            os._exit(9)  # as SIGKILL: no clean-up at all
    return real_replace(src, dst, *a, **k)

_swap._swap_files = swap
os.replace = replace
write_briefing(sys.argv[1])
"""


@pytest.mark.slow
@pytest.mark.parametrize("step", [1, 2, 3, 6, 11, 16, 17])
def test_a_swap_killed_half_way_is_undone_by_the_next_run(
    tmp_path: Path, monkeypatch, step: int
) -> None:
    out = tmp_path / "out"
    before = previous(out, "one", ("a", "b"), {"notes.txt": b"mine"})
    proc = subprocess.run(
        [sys.executable, "-c", _KILL_SWAP.format(tests=str(TESTS)), str(out), str(step)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(TESTS)])},
    )
    assert proc.returncode == 9, proc.stderr
    assert leftovers(tmp_path, out), "the killed run left its temporary folder"
    # the next run (here one that fails after the clean-up) puts the previous briefing back
    monkeypatch.setattr(
        _write, "build_briefing", lambda *a, **k: (_ for _ in ()).throw(SamvalgError("stop"))
    )
    with pytest.raises(SamvalgError, match="stop"):
        write_briefing(out)
    assert snapshot(out) == before
    assert leftovers(tmp_path, out) == []


# -- 4. interrupts and output encodings --------------------------------------------------------


def test_ctrl_c_in_any_command_is_one_line_and_130(capsys, monkeypatch) -> None:
    def interrupted(args):
        raise KeyboardInterrupt

    for name in ("catalogue", "evaluate", "brief"):
        monkeypatch.setattr(importlib.import_module(f"samvalg.commands.{name}"), "run", interrupted)
        code, out, err = cli(capsys, name)
        assert (code, out, err) == (130, "", "samvalg: interrupted\n")


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX")
def test_sigterm_is_one_line_and_143_and_the_handler_is_restored(capsys, monkeypatch) -> None:
    before = signal.getsignal(signal.SIGTERM)

    def terminated(args):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(10)
        pytest.fail("SIGTERM did not end the command")

    monkeypatch.setattr(importlib.import_module("samvalg.commands.catalogue"), "run", terminated)
    code, out, err = cli(capsys, "catalogue")
    assert (code, out, err) == (143, "", "samvalg: terminated\n")
    assert signal.getsignal(signal.SIGTERM) == before


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_output_the_terminal_cannot_encode_never_raises(monkeypatch, encoding: str) -> None:
    def printing(args):
        print("æøå ≥ → 🙂 ő")
        raise SamvalgError("filen «vurdering≥.toml» finnes ikke ✗")

    for argv in (["catalogue"], ["evaluate", "--lang", "nb"], ["validate", "x.toml"]):
        if argv[0] == "validate":
            monkeypatch.setattr(
                importlib.import_module("samvalg.commands.validate"), "run", printing
            )
        out = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
        err = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        code = main(argv)
        out.flush()
        err.flush()
        assert code == (2 if argv[0] == "validate" else 0)
        assert out.errors == "strict" and err.errors == "strict"  # put back afterwards
        assert out.buffer.getvalue()  # type: ignore[attr-defined]
        assert b"Traceback" not in err.buffer.getvalue()  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_unencodable_output_in_a_real_process(encoding: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "samvalg.cli", "catalogue"],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(SRC)},
    )
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr and b"Kommunalt" in proc.stdout


def test_n_above_the_maximum_is_refused(capsys) -> None:
    from samvalg.commands import brief

    with pytest.raises(SystemExit) as info:
        main(["brief", "--n", str(brief.MAX_N + 1)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "--n" in err and str(brief.MAX_N) in err and "maximum" in err
    assert brief.MAX_N == 10**7
    import argparse

    p = argparse.ArgumentParser()
    brief.add_arguments(p)
    assert p.parse_args(["--n", str(brief.MAX_N)]).n == brief.MAX_N


# -- the real thing in a child process: SIGKILL, Ctrl-C, SIGTERM ---------------------------------


def _children(pid: int) -> set[int]:
    kids: set[int] = set()
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                kids.update(int(x) for x in fh.read().split())
    except OSError:
        pass
    return kids


def _running(pid: int) -> bool:
    """Alive and not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return False


def _with_cmdline(marker: str) -> list[int]:
    """Running processes whose command line holds ``marker`` (the test's unique out path)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if marker in cmd and _running(int(entry)):
            found.append(int(entry))
    return found


def _start_brief(out: Path) -> tuple[subprocess.Popen[bytes], set[int]]:
    """``samvalg brief`` in a child process (own session), returned once its worker pool is
    up (with the workers' pids)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "samvalg.cli", "brief", "--out", str(out), "--n", "2000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "SAMVALG_JOBS": "2", "PYTHONPATH": str(SRC)},
        # as from a terminal, also when the tests run in the background (SIGINT ignored)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.02)
    time.sleep(0.3)  # the workers are running their first jobs
    if len(workers) < 2 or proc.poll() is not None:  # pragma: no cover
        proc.kill()
        _, err = proc.communicate()
        pytest.fail(f"the worker pool never started, or the run ended too soon: {err!r}")
    return proc, workers


def _gone_within(pids: set[int], marker: str, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = sorted({p for p in pids if _running(p)} | set(_with_cmdline(marker)))
        if not alive:
            return []
        time.sleep(0.1)
    return sorted({p for p in pids if _running(p)} | set(_with_cmdline(marker)))


pytestmark_proc = pytest.mark.skipif(not LINUX, reason="reads /proc")


@pytest.mark.slow
@pytestmark_proc
def test_sigkill_leaves_the_previous_briefing_and_no_worker(tmp_path: Path) -> None:
    out = tmp_path / f"kill-{os.getpid()}-{time.monotonic_ns()}"
    before = previous(out, user={"notes.txt": b"mine"})
    proc, workers = _start_brief(out)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _gone_within(workers, str(out), 5.0) == [], "worker processes outlived the kill"
    assert snapshot(out) == before
    # the next run cleans up whatever the killed one left next to the folder
    previous(out, "three")
    assert leftovers(tmp_path, out) == []


@pytest.mark.slow
@pytestmark_proc
@pytest.mark.parametrize(
    ("how", "code", "line"),
    [
        ("ctrl-c", 130, "samvalg: interrupted"),
        ("sigterm", 143, "samvalg: terminated"),
    ],
)
def test_ctrl_c_and_sigterm_end_the_run_and_its_workers(
    tmp_path: Path, how: str, code: int, line: str
) -> None:
    out = tmp_path / f"{how}-{os.getpid()}-{time.monotonic_ns()}"
    before = previous(out, user={"notes.txt": b"mine"})
    proc, workers = _start_brief(out)
    if how == "ctrl-c":  # a terminal sends SIGINT to the whole foreground group
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # pragma: no cover - the failure this test is for
        proc.kill()
        proc.communicate()
        pytest.fail(f"{how}: the run did not end within 60 s")
    assert proc.returncode == code, err
    assert err.decode("utf-8").strip() == line
    assert _gone_within(workers, str(out), 5.0) == []
    assert snapshot(out) == before
    assert leftovers(tmp_path, out) == []


# -- same seed, same bytes ---------------------------------------------------------------------


@pytest.mark.slow
def test_same_seed_same_bytes_also_when_rewriting_a_folder(tmp_path: Path, capsys) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    snaps = []
    for out in (a, b, a):  # the last run replaces the first one's briefing in place
        code, _, err = cli(capsys, "brief", "--out", str(out), "--n", "300", "--seed", "3", "--png")
        assert code == 0, err
        snaps.append(snapshot(out))
    first = snaps[0]
    assert snaps[1] == first and snaps[2] == first
    assert any(k.endswith(".png") for k in first) and MANIFEST in first


# -- 10. privacy ------------------------------------------------------------------------------


def test_data_json_and_text_name_the_file_not_its_folder(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from samvalg._resources import example_assessment_path

    private = tmp_path / "kari-nordmann-private-folder"
    private.mkdir()
    src = private / "vurdering.toml"
    shutil.copyfile(example_assessment_path(), src)
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    monkeypatch.setattr(
        _write, "build_briefing", lambda *a, **k: build_briefing(*a, **{**k, "figures": False})
    )
    code, _, err = cli(
        capsys,
        "brief",
        "--assessment",
        str(src),
        "--out",
        str(tmp_path / "cli"),
        "--n",
        "200",
        "--lang",
        "en",
    )
    assert code == 0, err
    w = write_briefing(
        tmp_path / "api", samvalg.load_assessment(src), n=200, source_path=src, figures=False
    )
    for folder in (tmp_path / "cli", w.out_dir):
        data = json.loads((folder / "data.json").read_text(encoding="utf-8"))
        assert data["input"]["kind"] == "file"
        assert data["input"]["name"] == "vurdering.toml"
        assert data["input"]["sha256"] == digest
        assert "path" not in data["input"]
        for name in ("data.json", "index.html", "briefing.md", MANIFEST):
            text = (folder / name).read_text(encoding="utf-8")
            assert "kari-nordmann" not in text and str(tmp_path) not in text, name
        assert "vurdering.toml" in (folder / "index.html").read_text(encoding="utf-8")
