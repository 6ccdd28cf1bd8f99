"""The one error a site build raises for bad configuration or a broken result; its message says what to do."""


class BuildError(Exception):
    """The site could not be built; the message lists what is wrong."""
