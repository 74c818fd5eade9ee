"""Headless Chromium for the UI tests and the UI benchmark (Debian's chromium, chromium-driver
and python3-selenium). The flags are the ones a root machine without network needs:
without them Chromium stalls on refused connections (docs/testing.md)."""
import os
import shutil
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=en-US"]


def available():
    """None when the browser can run here, else the reason it cannot."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            return "%s is missing (apt-get install chromium chromium-driver)" % path
    return None


class Browser:
    """One Chromium with a fresh profile; quit() ends it and removes the profile."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="accord-chromium-")
        options = Options()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument("--user-data-dir=" + self.profile)
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(60)

    def wait(self, condition, timeout=30, message=""):
        """Waits until condition(driver) is truthy (returned), or fails after timeout seconds.
        An element replaced while the condition looked at it (a view re-rendering) is retried."""
        return WebDriverWait(self.driver, timeout, poll_frequency=0.05,
                             ignored_exceptions=[StaleElementReferenceException]).until(condition, message)

    def wait_view(self, timeout=30):
        """Until the app has rendered the view of the current address (app.js marks it)."""
        self.wait(lambda d: d.execute_script(
            "const m = document.getElementById('app');"
            "return m && m.dataset.rendered === location.pathname + location.search;"), timeout,
            "view of %s rendered" % self.driver.current_url)

    def quit(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
