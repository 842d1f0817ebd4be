"""Shared pytest setup: quiet TensorFlow, and a folder for test artifacts (screenshots)."""

import os
import pathlib

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")



@pytest.fixture(scope="session")
def artifacts_dir(tmp_path_factory):
    """Where tests leave files a person may want to look at (screenshots): the folder
    TB_PLATEAU_ARTIFACTS names, else a temporary one (tests never write to tracked files)."""
    named = os.environ.get("TB_PLATEAU_ARTIFACTS")
    if not named:
        return tmp_path_factory.mktemp("artifacts")
    path = pathlib.Path(named)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by playwright; a launch failure fails the test."""
    from playwright.sync_api import sync_playwright

    from tests import browser_helpers as bh

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=bh.CHROMIUM, args=bh.CHROMIUM_ARGS)
        yield browser
        browser.close()
