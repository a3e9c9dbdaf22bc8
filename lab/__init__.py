"""The lab: scorers, trainers and dataset readers. The runtime (``chronicle``) never imports it.

Naming rule: ``lab/<area>/score.py`` scores an area against labelled data (``score()`` or
``evaluate()`` and ``main()``); ``lab/<area>/train.py`` rebuilds its model;
``lab/datasets.py`` reads ``../shared/datasets``.
"""
