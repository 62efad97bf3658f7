from . import test_institution_directory
