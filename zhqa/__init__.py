"""zhqa's composition root: the ``qa`` command line sits here, on top of ``qa``, ``eval`` and ``service``."""
