"""Running the coaching notebooks for many clients at once (papermill).

:func:`run_batch` executes every (notebook, client) pair into its own folder,
``OUT/<client>/<notebook>/``: the executed notebook, an HTML report beside it
(code cells left out, charts drawn offline), the record the notebook writes
(``<notebook>.json``) and whatever it exports. It:

* checks every parameter against every notebook's ``parameters`` cell before
  any kernel starts or anything is submitted (papermill itself only warns about
  unknown names) and converts ``-p`` values to the type the notebook declares;
* loads every client profile as the notebooks do, also before any kernel
  starts: a broken client file (or plan, role, peer group, check-in journal,
  baselines) is one error naming the file and the line, and each pair knows
  the files it reads (:mod:`careerlib.batch._precheck`);
* runs pairs in parallel worker processes, each of which imports papermill and
  nbconvert once and keeps its next kernel *preheated*: started, with
  careerlib, pandas and plotly imported, while the current run executes. Every
  run gets a kernel no other run has used (:mod:`careerlib.batch._kernels`).
  One browser per worker draws every image its kernels export
  (:mod:`careerlib.batch._images`);
* or hands the pairs to any :class:`concurrent.futures.Executor`, such as a Dask
  cluster's (``scheduler="tcp://HOST:8786"``): exactly the files each pair's
  client loading read travel with it, keeping their places relative to one
  another (on Dask, once per run), and the outputs come back into ``out_dir``
  on this machine, so the workers need the same environment but no shared file
  system (:mod:`careerlib.batch._pack`). A notebook about the whole practice
  (it declares ``clients``) travels with every client's files;
* isolates failures: a failing pair keeps its output notebook with the failing
  cell and error, and the others go on;
* writes each pair into a staging folder and swaps it in whole when it is done:
  a run killed at any moment leaves every pair's folder wholly old or wholly
  new (:mod:`careerlib.batch._staging`); never writes over an input notebook or
  client file;
* records every pair in ``OUT/manifest.json``: the run it belongs to (a run
  id), status, timing, versions, and its input files with their SHA-256
  (:mod:`careerlib.batch._manifest`); a re-run replaces the entries and folders
  of its own pairs only;
* shows a progress bar with the time left (tqdm) on standard error; the
  warnings libraries give in a run go to its result (``JobResult.warnings``),
  one line each.
"""

from careerlib.batch._batch import run_batch, run_samples
from careerlib.batch._plan import (
    BatchResult,
    Job,
    JobInput,
    JobResult,
    expand_clients,
    notebook_parameters,
    parse_parameter,
    plan_jobs,
)
from careerlib.batch._report import notebook_to_html
from careerlib.batch._staging import clean_stale_temporaries

__all__ = [
    "BatchResult",
    "Job",
    "JobInput",
    "JobResult",
    "clean_stale_temporaries",
    "expand_clients",
    "notebook_parameters",
    "notebook_to_html",
    "parse_parameter",
    "plan_jobs",
    "run_batch",
    "run_samples",
]
