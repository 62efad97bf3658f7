from . import network
