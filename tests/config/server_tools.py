"""The server programs the deployment files are checked with (nginx,
systemd-analyze). `make setup` installs them (Makefile, system-packages):
a test that needs one fails, rather than skips, where it is missing."""

import os
import shutil

# Debian puts nginx in /usr/sbin, which a non-root PATH may lack.
SEARCHED = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])


def server_tool(name):
    found = shutil.which(name, path=SEARCHED)
    assert found, f"{name} is not installed: run `make setup`"
    return found
