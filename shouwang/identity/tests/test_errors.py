import pickle

from shouwang.identity.errors import IdentityError


def test_identity_error() -> None:
    error = IdentityError("身份证号校验位错误", "checksum")
    assert isinstance(error, ValueError)
    assert (error.message, error.code, str(error)) == (
        "身份证号校验位错误",
        "checksum",
        "身份证号校验位错误",
    )
    assert repr(error) == "IdentityError('身份证号校验位错误', code='checksum')"


def test_identity_error_survives_pickling() -> None:
    copy = pickle.loads(pickle.dumps(IdentityError("车牌号格式不正确", "format")))
    assert (copy.message, copy.code) == ("车牌号格式不正确", "format")
