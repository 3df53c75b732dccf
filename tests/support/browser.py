"""Chromium for the browser tests: the system's (Debian package), driven by Playwright.

Playwright cannot download its own browser on a machine without internet, so it is
launched from `executable_path`. Screenshots go to tests/artifacts/ (kept after the
run, for a person to look at). `serious_violations` runs axe-core, which the
axe-playwright-python package ships, on the part of a page the project writes.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.course import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium on this machine: apt-get install chromium")


@contextmanager
def browser_page(width: int = 1400, height: int = 1000):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(),
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_default_timeout(60_000)
            yield page
        finally:
            browser.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=False)
    return target


def serious_violations(page, context: str | dict | None = None) -> list[str]:
    """axe-core's serious and critical findings in `context`, one per line.

    `context` is a CSS selector or axe's {"include": [...], "exclude": [...]}.
    """
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{', '.join(str(n['target']) for n in v['nodes'][:3])}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
