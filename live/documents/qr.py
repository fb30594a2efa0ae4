"""QR codes of an event's attendee URL: SVG for pages and posters, text for the terminal."""
import io
import re

import qrcode
import qrcode.image.svg


def svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathFillImage, border=2,
                        error_correction=qrcode.constants.ERROR_CORRECT_M)
    # without a fixed size in mm the SVG scales to whatever box the page gives it
    return re.sub(r'^<svg width="[^"]*" height="[^"]*"', "<svg", image.to_string(encoding="unicode"))


def terminal(url):
    code = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_L)
    code.add_data(url)
    out = io.StringIO()
    code.print_ascii(out=out, invert=True)
    return out.getvalue()
