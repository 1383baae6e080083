"""The pre-commit hook, for real: ``pre-commit try-repo`` installs msglint from this repository into
its own virtualenv and runs the ``msglint`` hook on a seller's repository.

try-repo installs what is committed. On a clean checkout (CI) the project root is used as it is; in
a working tree with uncommitted work, a throw-away git snapshot of the tree is tried instead, so the
test checks the code in front of it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GIT = shutil.which("git")
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

CLEAN = """Subject: Your order {{ order_id }} has shipped

Hi {{ buyer_name }},

Your parcel left our warehouse today; the tracking number is {{ tracking_number }}.
If anything is wrong when it arrives, just reply to this message.
"""

VIOLATING = """Hi {{ buyer_name }},

Thanks for your order! Visit https://example.com for 20% off.
Here is a code for next time: {{ coupon_code }}
"""


def git(*args: str, cwd: Path) -> str:
    env = os.environ | {
        "GIT_AUTHOR_NAME": "msglint tests",
        "GIT_AUTHOR_EMAIL": "tests@msglint.invalid",
        "GIT_COMMITTER_NAME": "msglint tests",
        "GIT_COMMITTER_EMAIL": "tests@msglint.invalid",
    }
    done = subprocess.run(
        [GIT or "git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout


def hook_repository(tmp_path: Path) -> Path:
    """The project as try-repo should see it: the root when clean, else a committed snapshot."""
    if not git("status", "--porcelain", cwd=ROOT).strip():
        return ROOT
    snapshot = tmp_path / "msglint-snapshot"
    files = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT).split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git("init", "-q", cwd=snapshot)
    git("add", "-A", cwd=snapshot)
    git("commit", "-q", "-m", "snapshot for the pre-commit hook test", cwd=snapshot)
    return snapshot


@pytest.mark.skipif(GIT is None or not PRE_COMMIT.exists(), reason="needs git and pre-commit (dev extras)")
def test_the_hook_fails_a_commit_with_a_violating_template_and_passes_the_clean_one(tmp_path: Path) -> None:
    seller = tmp_path / "seller-templates"
    (seller / "templates").mkdir(parents=True)
    (seller / "templates" / "order-shipped.txt").write_text(CLEAN)
    (seller / "templates" / "thank-you.j2").write_text(VIOLATING)
    (seller / "notes.py").write_text("print('not a template')\n")
    git("init", "-q", cwd=seller)
    git("add", "-A", cwd=seller)

    env = os.environ | {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    done = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(hook_repository(tmp_path)), "msglint", "--all-files", "--color", "never"],
        cwd=seller,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "msglint" in output and "Failed" in output
    assert "templates/thank-you.j2:3:" in output  # the link, on the line it is on
    assert "templates/thank-you.j2:4:31: TPL002 [warning]" in output
    assert "templates/order-shipped.txt:" not in output
    assert "notes.py" not in output
