"""Static files compressed once per file and encoding, at the best level, and kept. A hall's phones
all load the same scripts and styles when the dialogue opens, and Flask-Compress compresses a file
again for every phone (a streamed response is never cached): a connect storm spent that CPU per
phone (bench/README.md, the connect storm). Once per file, Brotli's best level also costs nothing
and sends fewer bytes over a congested hall."""
import gzip

import brotli
from flask import request

ENCODINGS = {"br": lambda data: brotli.compress(data, quality=11), "gzip": lambda data: gzip.compress(data, 9)}


def init_app(app):
    """Serve the static files compressed once, for the types Flask-Compress compresses."""
    serve, kept = app.view_functions["static"], {}
    compressible = set(app.config["COMPRESS_MIMETYPES"])

    def static(filename):
        response = serve(filename=filename)
        encoding = request.accept_encodings.best_match(ENCODINGS)
        if response.status_code != 200 or encoding is None or response.mimetype not in compressible:
            return response
        etag, _ = response.get_etag()
        key = (filename, etag, encoding)
        response.direct_passthrough = False
        if key not in kept:
            kept[key] = ENCODINGS[encoding](response.get_data())
        response.close()  # the file, read or not
        response.set_data(kept[key])
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        response.set_etag(f"{etag}:{encoding}")
        return response.make_conditional(request)
    app.view_functions["static"] = static
