"""Map the owner's three source folders into one import namespace, ``reportaudit``.

src/reportaudit -> reportaudit, store/ -> reportaudit.store, tui/ -> reportaudit.tui.
Sub-packages are discovered so that adding a folder with an ``__init__.py`` needs no edit here.
"""

from setuptools import find_packages, setup

ROOTS = {"reportaudit": "src/reportaudit", "reportaudit.store": "store", "reportaudit.tui": "tui"}


def _packages() -> tuple[list[str], dict[str, str]]:
    packages: list[str] = []
    package_dir: dict[str, str] = {}
    for name, folder in ROOTS.items():
        packages.append(name)
        package_dir[name] = folder
        for sub in find_packages(folder):
            packages.append(f"{name}.{sub}")
            package_dir[f"{name}.{sub}"] = f"{folder}/{sub.replace('.', '/')}"
    return packages, package_dir


PACKAGES, PACKAGE_DIR = _packages()
setup(packages=PACKAGES, package_dir=PACKAGE_DIR)
