from pathlib import Path
from setuptools import find_packages, setup

HERE = Path(__file__).parent
SHIPPED = {"careerlib.data": "data", "careerlib.notebooks": "notebooks"}
subs = [f"careerlib.data.{d.name}" for d in sorted((HERE / "data").iterdir()) if d.is_dir()]
setup(
    packages=[*find_packages(include=["careerlib", "careerlib.*"]), *SHIPPED, *subs],
    package_dir=SHIPPED,
    package_data={"careerlib": ["py.typed"], "careerlib.data": ["**/*"], "careerlib.notebooks": ["*.ipynb"]},
)
