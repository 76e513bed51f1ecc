"""Writing CSV that a spreadsheet opens as data: text cells never start a formula.

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and some also after a leading tab or carriage return) as a formula, so an account named
``=HYPERLINK(...)`` in an export becomes a link or a command on the analyst's machine.
Every CSV the project writes goes through here; text cells that could start a formula get
a leading single quote (OWASP's advice), numeric columns stay numbers.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_START = "^[=+\\-@\t\r]"


def formula_safe(text: str) -> str:
    """``text`` with a leading quote when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(table: pa.Table, path: Path) -> None:
    """Write ``table`` as CSV with every text cell made formula-safe."""
    pacsv.write_csv(_formula_safe_table(table), path)


def _formula_safe_table(table: pa.Table) -> pa.Table:
    columns = []
    for column in table.columns:
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = pc.match_substring_regex(column, _FORMULA_START)
            column = pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)
        columns.append(column)
    return pa.Table.from_arrays(columns, names=table.column_names)
