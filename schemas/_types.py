"""Arrow-backed column types shared by the table models.

Each model field is annotated with one of these, so the pandera model is
also the exact Arrow schema the Parquet files are written with.
"""

from typing import Annotated

import pandas as pd
import pyarrow as pa

Str = Annotated[pd.ArrowDtype, pa.string()]
Int = Annotated[pd.ArrowDtype, pa.int64()]
Float = Annotated[pd.ArrowDtype, pa.float64()]
Bool = Annotated[pd.ArrowDtype, pa.bool_()]
Date = Annotated[pd.ArrowDtype, pa.date32()]
Timestamp = Annotated[pd.ArrowDtype, pa.timestamp("us", tz="UTC")]
StrList = Annotated[pd.ArrowDtype, pa.list_(pa.string())]
