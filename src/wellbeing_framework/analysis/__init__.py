"""Self-assessment results: import, scoring, private aggregation, the I/We gap, trends.

The modules, in the order data flows through them:

- ``responses``: :class:`Responses`, many answers as numpy arrays of small codes;
- ``importing``: a forms-tool export (CSV or spreadsheet), a DataFrame or an Arrow table to
  responses, reconciled; told how by one ``ImportOptions`` record (``options``), and helped by
  ``inputs`` (paths, bytes, uploads), ``layouts`` (each tool's header rows and metadata),
  ``csvfile`` and ``spreadsheets`` (reading), ``tables`` (columns), ``matching`` (headings to
  items) and ``grouping`` (group spellings folded, identifying columns refused);
- ``scoring``: scores per item and theme from counts of answers, and banding;
- ``aggregate``: results by group, level and wave, with small groups hidden and complementary
  suppression, so that no hidden group can be worked out from the ones shown;
- ``gap``, ``trends``, ``priorities``: what the results say and what to do next;
- ``frames``: tidy pandas tables;
- ``results``: the frozen result types all of these return.

Nothing is imported here, so ``import wellbeing_framework`` stays light: numpy, pandas and pyarrow
(the ``analysis`` extra) load only when an analysis function runs.
"""
