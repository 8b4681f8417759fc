#!/usr/bin/env python3
"""check_findings.py — the assertions of run_rules_tests.sh on vxdiag's JSON reports.

Usage: check_findings.py REPORTDIR
Reads REPORTDIR/<case>.json (one per synthetic capture, plus sample-*.json for the lab
samples) and prints one "PASS name" / "FAIL name: why" line per check."""
import json
import os
import sys

MINE = ("VX-PORT-", "VX-STUN-", "VX-QOS-", "VX-FRAG-", "VX-BW-", "VX-COMPETING-", "VX-TLS-")


def load(d, case):
    """The findings of one report, or None when the report is missing or unreadable."""
    try:
        with open(os.path.join(d, case + ".json")) as f:
            return json.load(f)["findings"]
    except (OSError, ValueError, KeyError):
        return None


def with_id(fs, fid):
    return [f for f in fs or [] if f["id"] == fid]


def check_one(fs, fid, kind, sev, rule=None, words=(), call=None):
    """Exactly the expected fields on at least one finding with that id; returns why not, or ''."""
    if fs is None:
        return "no report"
    hits = with_id(fs, fid)
    if not hits:
        return "no %s (got %s)" % (fid, sorted({f["id"] for f in fs}))
    for f in hits:
        text = " ".join([f["summary"], f["detail"]])
        why = []
        if f["kind"] != kind:
            why.append("kind %s" % f["kind"])
        if f["severity"] != sev:
            why.append("severity %s" % f["severity"])
        if rule and f["rule"] != rule:
            why.append("rule %s" % f["rule"])
        if call is not None and f.get("call_id") != call:
            why.append("call_id %s" % f.get("call_id"))
        if not f["evidence"] or not f["advice"]:
            why.append("no evidence/advice")
        why += ["'%s' not in text" % w for w in words if w not in text]
        if not why:
            return ""
    return "; ".join(why)


def absent(fs, prefix):
    if fs is None:
        return "no report"
    bad = [f["id"] for f in fs if f["id"].startswith(prefix)]
    return "unexpected %s" % bad if bad else ""


def no_warnings(fs):
    if fs is None:
        return "no report"
    bad = ["%s(%s)" % (f["id"], f["severity"]) for f in fs
           if f["id"].startswith(MINE) and f["severity"] != "info"]
    return "unexpected %s" % bad if bad else ""


def checks(d):
    L = lambda c: load(d, c)  # noqa: E731
    clean = L("clean")
    yield "clean: none of these rules fire", absent(
        None if clean is None else [f for f in clean if f["id"].startswith(MINE)], "VX-")
    yield "ports: SIP to 5070", check_one(L("ports_unlisted"), "VX-PORT-SIP-UNLISTED", "port_violation", "warning",
                                          "R-OUT-SIP", ["5070"], "pu@lab")
    yield "ports: SIP from 5070", check_one(L("ports_unlisted"), "VX-PORT-SIP-UNLISTED", "port_violation",
                                            "warning", "R-IN-SIP", ["5070"])
    yield "ports: RTP to 30000", check_one(L("ports_unlisted"), "VX-PORT-RTP-UNLISTED", "port_violation",
                                           "warning", "R-OUT-RTP", ["30000"])
    yield "ports: RTP from 30000", check_one(L("ports_unlisted"), "VX-PORT-RTP-UNLISTED", "port_violation",
                                             "warning", "R-IN-RTP", ["30000"])
    yield "ports: UDP 7000", check_one(L("ports_unlisted"), "VX-PORT-OTHER-UNLISTED", "port_violation", "warning",
                                       None, ["UDP", "port 7000"])
    yield "ports: TCP 8443", check_one(L("ports_unlisted"), "VX-PORT-OTHER-UNLISTED", "port_violation", "warning",
                                       None, ["TCP", "port 8443"])
    yield "ports: no 5060 info when SIP uses 5080", absent(L("clean"), "VX-PORT-SIP-5060")
    yield "ports: 5060 info", check_one(L("sip_5060"), "VX-PORT-SIP-5060", "port_violation", "info", "R-OUT-SIP",
                                        ["5060", "5080"])
    yield "ports: 5060 is listed", absent(L("sip_5060"), "VX-PORT-SIP-UNLISTED")
    yield "stun: unanswered", check_one(L("stun_unanswered"), "VX-STUN-UNANSWERED", "stun_failure", "warning",
                                        "R-OUT-STUN", ["19302", "4 never answered"])
    yield "stun: answered raises nothing", absent(L("stun_answered"), "VX-STUN-")
    yield "tcp: browser 8089 unanswered", check_one(L("tcp_failed"), "VX-PORT-BROWSER-FAILED", "port_violation",
                                                    "warning", "R-BROWSER", ["8089", "1 never answered"])
    yield "tcp: app host refused", check_one(L("tcp_failed"), "VX-PORT-APP-HOST-FAILED", "port_violation",
                                             "warning", "R-APP-HOSTS", ["18.223.68.252", "1 refused"])
    yield "tcp: server 443 reset", check_one(L("tcp_failed"), "VX-PORT-HTTPS-FAILED", "port_violation", "warning",
                                             "R-OUT-HTTPS", ["443", "1 reset"])
    yield "tcp: successful connections raise nothing", absent(L("tcp_ok"), "VX-PORT-")
    yield "qos: unmarked", check_one(L("qos_unmarked"), "VX-QOS-UNMARKED", "no_qos_marking", "info", "R-QOS",
                                     ["1 of 1 outbound RTP", "3 of 3 outbound SIP"])
    yield "qos: marked raises nothing", absent(L("qos_marked"), "VX-QOS-")
    yield "frag: fragmented INVITE", check_one(L("frag"), "VX-FRAG-SIP", "ip_fragmentation", "warning",
                                               "R-OUT-SIP", ["INVITE", "fragments"], "c1@lab")
    yield "frag: large unfragmented INVITE", check_one(L("large_sip"), "VX-FRAG-SIP-LARGE", "ip_fragmentation",
                                                       "info", "R-OUT-SIP", ["INVITE", "1346"])
    yield "frag: large is not called fragmented", \
        "unexpected VX-FRAG-SIP" if with_id(L("large_sip"), "VX-FRAG-SIP") else ""
    yield "frag: large gives no warning", no_warnings(L("large_sip"))
    yield "bandwidth: video call over budget", check_one(L("bw_video"), "VX-BW-CALL", "bandwidth", "warning",
                                                         "R-BANDWIDTH", ["H264", "PCMA", "kbps"], "bw@lab")
    n_bw = len(with_id(L("bw_video"), "VX-BW-CALL"))
    yield "bandwidth: one direction only (down is audio)", "" if n_bw == 1 else "%d VX-BW-CALL" % n_bw
    yield "bandwidth: plain G.711 call within budget", absent(L("clean"), "VX-BW-")
    yield "ALG fingerprint: a request leaves with received=/rport values in its Via", check_one(
        L("via_params"), "VX-ALG-VIA-PARAMS", "sip_alg", "warning", "R-NO-ALG", ["received=203.0.113.7", "rport value"])
    yield "ALG fingerprint: a clean call's requests do not raise it", absent(L("clean"), "VX-ALG-VIA-PARAMS")
    yield "web proxy: CONNECT to the app host through a proxy", check_one(
        L("web_proxy"), "VX-PROXY-HTTP-CONNECT", "proxy", "warning", "R-NO-PROXY", ["providers.cloudsoftphone.com:443"])
    yield "web proxy: TLS for the app host sent to another address", check_one(
        L("web_proxy"), "VX-PROXY-TLS-ELSEWHERE", "proxy", "warning", "R-NO-PROXY", ["203.0.113.99"])
    yield "web proxy: connection to a usual proxy port", check_one(
        L("web_proxy"), "VX-PROXY-PORT", "proxy", "info", "R-NO-PROXY", ["3128"])
    yield "web proxy: the app host reached directly raises nothing", absent(L("web_direct"), "VX-PROXY-")
    yield "competing: YouTube in the lossy seconds", check_one(
        L("competing"), "VX-COMPETING-TRAFFIC", "competing_traffic", "warning", "R-COMPETING", ["YouTube"], "cq@lab")
    yield "competing: traffic at other times is not blamed", absent(L("competing_elsewhere"), "VX-COMPETING-")
    yield "competing: loss without other traffic names nothing", absent(L("loss_alone"), "VX-COMPETING-")
    yield "tls: SIP over TLS", check_one(L("tls"), "VX-TLS-SIP", "tls_or_encrypted", "info", None, ["5061"])
    yield "tls: SRTP", check_one(L("tls"), "VX-TLS-SRTP", "tls_or_encrypted", "info", None, [], "sr@lab")
    for name in sorted(os.listdir(d)):
        if name.startswith("sample-") and name.endswith(".json"):
            yield "%s: no warning/critical from these rules" % name[:-5], no_warnings(L(name[:-5]))


def main():
    passed = failed = 0
    for name, why in checks(sys.argv[1]):
        if why:
            failed += 1
            print("FAIL %s: %s" % (name, why))
        else:
            passed += 1
            print("PASS %s" % name)
    print("#counts %d %d" % (passed, failed))


if __name__ == "__main__":
    main()
