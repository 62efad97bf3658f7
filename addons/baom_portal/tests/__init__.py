from . import test_office_directory
