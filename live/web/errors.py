"""Every error becomes a clear message: JSON `{"error": ...}` under /api, a page elsewhere."""
from flask import current_app, make_response, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from ..dialogue import questions
from ..errors import Conflict, DomainError, N_, TooSoon
from .identity import store

HTTP_MESSAGES = {
    400: N_("Yêu cầu không hợp lệ."),
    401: N_("Cần đăng nhập."),
    403: N_("Bạn không có quyền làm việc này."),
    404: N_("Không tìm thấy trang hoặc dữ liệu này."),
    405: N_("Phương thức không được hỗ trợ."),
    409: N_("Dữ liệu vừa thay đổi. Hãy tải lại."),
    413: N_("Dữ liệu gửi lên quá lớn."),
    415: N_("Định dạng dữ liệu không được hỗ trợ."),
    429: N_("Bạn thao tác quá nhanh. Hãy thử lại sau giây lát."),
    500: N_("Máy chủ gặp lỗi. Dữ liệu của bạn đã được giữ; hãy thử lại."),
}


def wants_json():
    return request.path.startswith("/api/")


def respond(message, status, extra=None):
    if wants_json():
        return {"error": message, **(extra or {})}, status
    return render_template("error.html", message=message, status=status), status


def domain_error(error):
    extra = {}
    if isinstance(error, Conflict) and error.current is not None:
        extra["question"] = questions.staff_view(store(), error.current)
    return with_retry_after(make_response(respond(gettext(error.message, **error.params), error.status, extra)),
                            error)


def with_retry_after(response, error):
    """A refusal that says when to try again carries it as Retry-After too."""
    if isinstance(error, TooSoon):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def http_error(error):
    message = HTTP_MESSAGES.get(error.code)
    message = gettext(message) if message else error.description
    response = make_response(respond(message, error.code))
    if error.code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def unexpected_error(error):
    current_app.logger.exception("unexpected error")
    return respond(gettext(HTTP_MESSAGES[500]), 500)


def init_app(app):
    app.register_error_handler(DomainError, domain_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
