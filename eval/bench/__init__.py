"""``qa bench``: performance and scale figures (build, memory, latency, peers, load).

One entry point, :func:`eval.bench.run.run_bench`; the modules split the work:
``corpora``/``large`` (the sizes), ``build`` (index build stages), ``probe``/``serving``
(a fresh serving process per size), ``peers`` and ``llamaindex_peer`` (the same data through
other libraries), ``embedding`` (where query-embedding time goes), ``loadtest`` (HTTP load
against ``qa serve``), ``report`` (JSON, Markdown, PNG). Nothing runs at import time.
"""
