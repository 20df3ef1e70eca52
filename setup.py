"""The one build step pyproject.toml cannot declare: data, notebooks and docs as package data.

The repository keeps the data (``data/``: the compact O*NET tables, the sample
clients, plans, roles and peer groups, the route templates), the notebook
templates (``notebooks/``) and the docs (``docs/``) at the top, where the
README, the notebooks' relative paths, the docs site and the tests use them.
The wheel carries them inside the package, as ``careerlib/data``,
``careerlib/notebooks`` and ``careerlib/docs``, by mapping those package names
onto the folders; ``careerlib._paths`` reads them from either place. The docs
travel as pages a coach reads (``docs/*.md`` and their images); the API
reference (``docs/api/``) is only for the docs site, built from the
docstrings. Everything else about the project is in pyproject.toml.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
SHIPPED = {"careerlib.data": "data", "careerlib.notebooks": "notebooks", "careerlib.docs": "docs"}
# data/onet, data/plans, ... are listed as packages too, so setuptools ships
# their files as package data without warning that they look like packages
DATA_FOLDERS = sorted(
    f"careerlib.data.{d.name}" for d in (HERE / "data").iterdir() if d.is_dir()
)

setup(
    packages=[
        *find_packages(include=["careerlib", "careerlib.*"]),
        *SHIPPED,
        *DATA_FOLDERS,
        "careerlib.docs.images",
    ],
    package_dir=SHIPPED,
    package_data={
        "careerlib": ["py.typed"],
        "careerlib.data": ["**/*"],
        "careerlib.notebooks": ["[0-9][0-9]-*.ipynb"],
        "careerlib.docs": ["*.md"],
        "careerlib.docs.images": ["*.png", "*.svg"],
    },
)
