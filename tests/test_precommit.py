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


LIQUID = """Hi {{ customer.first_name | capitalize }},
{% comment %} Internal: the wiki is https://wiki.example.com/returns {% endcomment %}
Thanks for your order! Follow us at https://instagram.com/kettleworks for news.
"""

README = """# Kettleworks message templates

Source: https://github.com/kettleworks/templates. Questions: templates@kettleworks.example
"""

CONFIG = """# Links to https://github.com/kettleworks are fine in this file: it is not a template.
extend-exclude = ["templates/drafts"]
"""

needs_pre_commit = pytest.mark.skipif(
    GIT is None or not PRE_COMMIT.exists(), reason="needs git and pre-commit (dev extras)"
)


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The hook repository and an environment whose PRE_COMMIT_HOME the tests share: msglint is
    installed into the hook's virtualenv once for the module."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = os.environ | {"PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return hook_repository(tmp_path_factory.mktemp("hook")), env


def seller_repository(root: Path) -> Path:
    """A seller's repository: templates beside the README, requirements and code every repository has."""
    files = {
        "README.md": README,
        "requirements.txt": "msglint\n",
        "docs/setup.md": "See https://github.com/kettleworks/templates/wiki\n",
        "notes.py": "print('not a template')\n",
        ".msglint.toml": CONFIG,
        "templates/order-shipped.txt": CLEAN,
        "templates/thank-you.j2": VIOLATING,
        "templates/shopify/thanks.liquid": LIQUID,
        "templates/drafts/wip.txt": VIOLATING,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    git("init", "-q", cwd=root)
    git("add", "-A", cwd=root)
    return root


def try_repo(hook: tuple[Path, dict[str, str]], seller: Path, *args: str) -> tuple[int, str]:
    repository, env = hook
    done = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(repository), "msglint", *args, "--color", "never"],
        cwd=seller,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


@needs_pre_commit
def test_the_hook_checks_the_templates_and_nothing_else(hook: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    seller = seller_repository(tmp_path / "seller")
    code, output = try_repo(hook, seller, "--all-files")
    assert code == 1, output
    assert "msglint" in output and "Failed" in output
    findings = sorted(line.split(" [")[0] for line in output.splitlines() if " [error]" in line or " [warning]" in line)
    assert findings == [
        "templates/shopify/thanks.liquid:3:24: PRO006",  # a .liquid template is read ...
        "templates/shopify/thanks.liquid:3:37: EXT001",  # ... and its {% comment %} is not
        "templates/thank-you.j2:3:30: EXT001",
        "templates/thank-you.j2:4:31: TPL002",
    ]
    # README.md, docs/, requirements.txt and code are not templates; drafts are excluded by the
    # configuration; the configuration is validated, not checked as a template.
    assert "Found 4 problems (3 errors, 1 warning) in 2 files (3 files checked)." in output


@needs_pre_commit
def test_a_commit_that_changes_only_the_configuration_runs_the_hook(
    hook: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    seller = seller_repository(tmp_path / "seller")
    git("commit", "-q", "-m", "templates", cwd=seller)

    (seller / ".msglint.toml").write_text(CONFIG + 'ignroe = ["PRO"]\n')
    git("add", ".msglint.toml", cwd=seller)
    code, output = try_repo(hook, seller)  # the staged files: the configuration only
    assert code == 1, output
    assert "msglint: error: " in output and "/.msglint.toml: key 'ignroe': unknown key" in output

    (seller / ".msglint.toml").write_text(CONFIG + 'ignore = ["PRO"]\n')
    git("add", ".msglint.toml", cwd=seller)
    code, output = try_repo(hook, seller)
    assert code == 0, output
    assert "Passed" in output and "Skipped" not in output
