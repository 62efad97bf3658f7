from . import baom_hsds_export
from . import baom_hsds_import
