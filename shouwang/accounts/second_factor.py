import segno
from django.utils.safestring import mark_safe


def provisioning_svg(device) -> str:
    """The otpauth:// address as an inline SVG QR code for an authenticator app to scan."""
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5))
