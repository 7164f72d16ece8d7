#!/usr/bin/env python3
"""Independent acceptance check of the sample services with Python grpcio (not grpc-java).

No generated code: the few messages involved are encoded and decoded by hand below, and gRPC
reflection is spoken raw. Checks issue 2's acceptance bullets against running services:

  greeter: SayHello answers "Hello <name>" with x-served-by, health is SERVING, reflection lists
           helloworld.Greeter (or is UNIMPLEMENTED without --reflection), the request echo header
           shows the metadata and redacts the password.
  user:    alice Login OK; no metadata, username only, wrong password -> UNAUTHENTICATED; alice
           DeleteUser -> PERMISSION_DENIED; admin DeleteUser -> neither; still serving afterwards;
           no password in any response (or in --server-output files).

Usage: grpcio_check.py --greeter HOST:PORT --user HOST:PORT --reflection-expected true|false
                       [--greeter-name NAME] [--user-name NAME] [--server-output FILE ...]
Prints one line per check (PASS/FAIL) and exits 1 when any check fails, 2 on usage errors.
"""

import argparse
import hashlib
import sys

try:
    import grpc
except ImportError:  # pragma: no cover - reported to the caller, who may skip
    print("SKIP grpc module not importable (Debian package python3-grpcio)")
    sys.exit(3)

TIMEOUT = 10.0
DEMO_SECRETS = ["alice-secret", "admin-secret", "wrong-password", "grpcio-echo-secret"]


# --- protobuf wire format, by hand -------------------------------------------------------------

def _varint(value):
    out = bytearray()
    while True:
        bits = value & 0x7F
        value >>= 7
        if value:
            out.append(bits | 0x80)
        else:
            out.append(bits)
            return bytes(out)


def _len_field(number, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return _varint(number << 3 | 2) + _varint(len(data)) + data


def _read_varint(buf, pos):
    shift = result = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def _fields(buf):
    """Yields (field number, value) for varint and length-delimited fields of one message."""
    pos = 0
    while pos < len(buf):
        key, pos = _read_varint(buf, pos)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, pos = _read_varint(buf, pos)
        elif wire_type == 2:
            length, pos = _read_varint(buf, pos)
            value, pos = bytes(buf[pos:pos + length]), pos + length
        elif wire_type == 1:
            value, pos = bytes(buf[pos:pos + 8]), pos + 8
        elif wire_type == 5:
            value, pos = bytes(buf[pos:pos + 4]), pos + 4
        else:
            raise ValueError("unsupported wire type %d" % wire_type)
        yield number, value


def _first(buf, number, default=None):
    for n, value in _fields(buf):
        if n == number:
            return value
    return default


# --- checks --------------------------------------------------------------------------------------

class Checker:
    def __init__(self):
        self.failures = 0
        self.seen_response_text = []  # everything the services sent back, to scan for secrets

    def check(self, name, ok, detail):
        print("%s %s: %s" % ("PASS" if ok else "FAIL", name, detail))
        sys.stdout.flush()
        if not ok:
            self.failures += 1

    def remember(self, call_or_error):
        for getter in ("initial_metadata", "trailing_metadata"):
            try:
                for key, value in getattr(call_or_error, getter)() or ():
                    self.seen_response_text.append(key)
                    self.seen_response_text.append(value.decode("latin-1") if isinstance(value, bytes) else value)
            except Exception:  # noqa: BLE001 - some error objects carry no metadata
                pass
        try:
            self.seen_response_text.append(call_or_error.details() or "")
        except Exception:  # noqa: BLE001
            pass

    def unary(self, channel, method, request, metadata=()):
        """Returns (status code, response bytes or None, initial metadata dict, details)."""
        stub = channel.unary_unary(method, request_serializer=None, response_deserializer=None)
        try:
            response, call = stub.with_call(request, metadata=list(metadata), timeout=TIMEOUT)
            self.remember(call)
            return grpc.StatusCode.OK, response, dict(call.initial_metadata() or ()), ""
        except grpc.RpcError as error:
            self.remember(error)
            return error.code(), None, dict(error.initial_metadata() or ()), error.details() or ""


def served_by_detail(headers):
    return "x-served-by=%r" % headers.get("x-served-by")


def check_served_by(checker, label, headers, expected):
    actual = headers.get("x-served-by")
    ok = actual == expected if expected else bool(actual)
    checker.check(label + " x-served-by", ok, "got %r, expected %r" % (actual, expected or "<any>"))


def check_health(checker, label, channel, service):
    code, body, headers, details = checker.unary(
        channel, "/grpc.health.v1.Health/Check", _len_field(1, service) if service else b"")
    status = _first(body, 1, 0) if body is not None else None
    checker.check(label + " health " + (service or "<server>"), code == grpc.StatusCode.OK and status == 1,
                  "code=%s status=%s (1 = SERVING)" % (code.name, status))


def list_services(channel, package):
    """Lists services through grpc.reflection.<package>.ServerReflection; returns (code, names)."""
    stub = channel.stream_stream("/grpc.reflection.%s.ServerReflection/ServerReflectionInfo" % package,
                                 request_serializer=None, response_deserializer=None)
    request = _len_field(7, "")  # ServerReflectionRequest{list_services = ""}
    try:
        responses = stub(iter([request]), timeout=TIMEOUT)
        for response in responses:
            listing = _first(response, 6)  # list_services_response
            if listing is None:
                return grpc.StatusCode.UNKNOWN, []
            names = [_first(service, 1, b"").decode() for n, service in _fields(listing) if n == 1]
            return grpc.StatusCode.OK, names
        return grpc.StatusCode.UNKNOWN, []
    except grpc.RpcError as error:
        return error.code(), []


def check_reflection(checker, label, channel, expected, service):
    for package in ("v1", "v1alpha"):
        code, names = list_services(channel, package)
        if expected:
            checker.check("%s reflection %s lists %s" % (label, package, service),
                          code == grpc.StatusCode.OK and service in names, "code=%s services=%s" % (code.name, names))
        else:
            checker.check("%s reflection %s is UNIMPLEMENTED" % (label, package),
                          code == grpc.StatusCode.UNIMPLEMENTED, "code=%s" % code.name)


def check_greeter(checker, target, expected_name, reflection):
    with grpc.insecure_channel(target) as channel:
        grpc.channel_ready_future(channel).result(timeout=TIMEOUT)
        metadata = [("x-check", "grpcio"), ("password", "grpcio-echo-secret"), ("trace-bin", b"\x00\x01\xfe")]
        code, body, headers, _ = checker.unary(
            channel, "/helloworld.Greeter/SayHello", _len_field(1, "grpcio"), metadata)
        message = _first(body, 1, b"").decode() if body is not None else None
        checker.check("greeter SayHello", code == grpc.StatusCode.OK and message == "Hello grpcio",
                      "code=%s message=%r" % (code.name, message))
        check_served_by(checker, "greeter SayHello", headers, expected_name)
        echo = headers.get("x-request-echo-bin", b"")
        echoed = [(_first(h, 1, b"").decode(), _first(h, 2, b"").decode()) for n, h in _fields(echo) if n == 6]
        method = _first(echo, 1, b"").decode()
        checker.check("greeter echo method", method == "/helloworld.Greeter/SayHello", "method=%r" % method)
        checker.check("greeter echo header", ("x-check", "grpcio") in echoed, "headers=%s" % [n for n, _ in echoed])
        checker.check("greeter echo binary header", ("trace-bin", "AAH+") in echoed,
                      "trace-bin=%r" % [v for n, v in echoed if n == "trace-bin"])
        redacted = "redacted:sha256:" + hashlib.sha256(b"grpcio-echo-secret").hexdigest()
        checker.check("greeter echo redacts password", ("password", redacted) in echoed,
                      "password=%r" % [v for n, v in echoed if n == "password"])
        check_health(checker, "greeter", channel, "")
        check_health(checker, "greeter", channel, "helloworld.Greeter")
        check_reflection(checker, "greeter", channel, reflection, "helloworld.Greeter")


def check_user(checker, target, expected_name, reflection):
    login, delete = "/com.example.User/Login", "/com.example.User/DeleteUser"
    alice = [("username", "alice"), ("password", "alice-secret")]
    admin = [("username", "admin"), ("password", "admin-secret")]
    with grpc.insecure_channel(target) as channel:
        grpc.channel_ready_future(channel).result(timeout=TIMEOUT)
        code, body, headers, _ = checker.unary(channel, login, b"", alice)
        user = _first(body, 1, b"").decode() if body is not None else None
        checker.check("user alice Login", code == grpc.StatusCode.OK and user == "alice",
                      "code=%s username=%r" % (code.name, user))
        check_served_by(checker, "user Login", headers, expected_name)
        cases = [
            ("no metadata", []),
            ("username only", [("username", "alice")]),
            ("wrong password", [("username", "alice"), ("password", "wrong-password")]),
        ]
        for label, metadata in cases:
            code, _, headers, _ = checker.unary(channel, login, b"", metadata)
            checker.check("user Login with " + label, code == grpc.StatusCode.UNAUTHENTICATED,
                          "code=%s %s" % (code.name, served_by_detail(headers)))
        request = _len_field(1, "grpcio-check-nobody")
        code, _, _, _ = checker.unary(channel, delete, request, alice)
        checker.check("user alice DeleteUser", code == grpc.StatusCode.PERMISSION_DENIED, "code=%s" % code.name)
        code, _, _, _ = checker.unary(channel, delete, request, admin)
        checker.check("user admin DeleteUser",
                      code not in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED),
                      "code=%s" % code.name)
        code, _, _, _ = checker.unary(channel, login, b"", alice)
        checker.check("user keeps serving (alice Login again)", code == grpc.StatusCode.OK, "code=%s" % code.name)
        check_health(checker, "user", channel, "")
        check_health(checker, "user", channel, "com.example.User")
        check_reflection(checker, "user", channel, reflection, "com.example.User")


def check_no_secrets(checker, server_outputs):
    text = "\n".join(checker.seen_response_text)
    leaked = [s for s in DEMO_SECRETS if s in text]
    checker.check("no password in any response", not leaked, "leaked=%s" % leaked)
    for path in server_outputs:
        with open(path, encoding="utf-8", errors="replace") as handle:
            content = handle.read()
        leaked = [s for s in DEMO_SECRETS if s in content]
        checker.check("no password in " + path, not leaked, "leaked=%s" % leaked)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--greeter", required=True, metavar="HOST:PORT")
    parser.add_argument("--user", required=True, metavar="HOST:PORT")
    parser.add_argument("--reflection-expected", required=True, choices=["true", "false"])
    parser.add_argument("--greeter-name", help="expected x-served-by of the greeter (default: any)")
    parser.add_argument("--user-name", help="expected x-served-by of the user service (default: any)")
    parser.add_argument("--server-output", action="append", default=[], metavar="FILE",
                        help="a file with the services' stdout/stderr that must not contain a password")
    args = parser.parse_args(argv)
    reflection = args.reflection_expected == "true"
    checker = Checker()
    for label, run in (("greeter", lambda: check_greeter(checker, args.greeter, args.greeter_name, reflection)),
                       ("user", lambda: check_user(checker, args.user, args.user_name, reflection))):
        try:
            run()
        except Exception as error:  # noqa: BLE001 - any crash is a failed check, not a traceback
            checker.check(label + " reachable", False, "%s: %s" % (type(error).__name__, error))
    check_no_secrets(checker, args.server_output)
    print("%s: %d check(s) failed" % ("FAILED" if checker.failures else "OK", checker.failures))
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
