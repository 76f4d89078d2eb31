"""What the build writes into the site folder, one module per kind of output.

- :mod:`.export`: each lesson's reveal.js deck and readable page, through nbconvert's exporters
  and the course's templates (``misscourse/templates``);
- :mod:`.home`: the course home of each language;
- :mod:`.instructor`, :mod:`.guide`, :mod:`.plans`, :mod:`.handouts`, :mod:`.takehome`: the
  instructor's kit (guides, class plan decks, printouts) and the take-home sheets;
- :mod:`.progress`: the self-study progress page;
- :mod:`.libraries`: the front-end files in ``lib/`` (from ``node_modules`` and ``static/``);
- :mod:`.names`: where each page lives; :mod:`.files`: the one helper that writes a file
  (atomic, only when changed).

A lesson notebook's structure (slides, sections, notes, tags) is read by :mod:`misscourse.notebook`.
"""
