"""PySide6.QtGui as PyInstaller's own hook collects it, minus plugins reader does not need.

Dropping them here, before PyInstaller follows the libraries each binary links to, keeps
their dependencies out as well: the GTK3 platform theme alone brings GTK, cairo and pango;
the PDF image-format plugin brings Qt Pdf. On Linux the xcb platform (X11 and XWayland)
and the XDG desktop portal remain; Windows and macOS keep their native platform plugins.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGINS = (
    "/platformthemes/libqgtk3",
    "/imageformats/libqpdf",
    "/imageformats/qpdf",
    "/egldeviceintegrations/",
    "/wayland-",
    "/platforms/libqwayland",
    "/platforms/libqeglfs",
    "/platforms/libqminimalegl",
    "/platforms/libqlinuxfb",
    "/platforms/libqvnc",
    "/platforms/libqvkkhrdisplay",
    # input from evdev devices and TUIO over the network, loaded only when asked for by
    # name (QT_QPA_GENERIC_PLUGINS): the window system gives the app its input
    "/plugins/generic/",
)


def _wanted(source: str) -> bool:
    normalized = source.replace("\\", "/")
    return not any(part in normalized for part in UNUSED_PLUGINS)


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, dest) for source, dest in binaries if _wanted(source)]
