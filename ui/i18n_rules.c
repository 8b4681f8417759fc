/* i18n_rules.c — the requirement texts of REQUIREMENTS.md (English, Japanese) with the
 * title of their section in the Japanese customer document, and the finding kinds of
 * REPORT-SCHEMA.md with their titles and the Japanese advice to the network admin. */
#include "ui/i18n.h"
#include <string.h>

#define SEC_OUT "「OUT方向（お客様LAN⇒VoiceXサーバー）」"
#define SEC_IN "「IN方向（VoiceXサーバー⇒お客様LAN）」"
#define SEC_NAT "「NATタイマー設定」"
#define SEC_LAN "「【構内LAN環境】」"

static const struct vx_requirement requirements[] = {
    { "R-OUT-SIP",
      { "Terminal → server SIP over UDP to ports 5060, 5080, 5081, 4399 is allowed.",
        "端末からVoiceXサーバーへのSIP（UDP、宛先ポート5060・5080・5081・4399）が許可されていること。" },
      { "OUT方向 (customer LAN ⇒ VoiceX), note ※1", SEC_OUT "、「(※1) SIP UDP ポート」" } },
    { "R-OUT-RTP",
      { "Terminal → server RTP over UDP to server ports 10000–20000 is allowed.",
        "端末からVoiceXサーバーへのRTP（UDP、宛先ポート10000～20000）が許可されていること。" },
      { "OUT方向 (customer LAN ⇒ VoiceX)", SEC_OUT } },
    { "R-OUT-STUN",
      { "Terminal → stun.l.google.com:19302/udp is allowed (and answered).",
        "端末からSTUNサーバー stun.l.google.com（UDP 19302）への通信が許可され、応答が得られること。" },
      { "OUT方向 (customer LAN ⇒ VoiceX)", SEC_OUT } },
    { "R-OUT-HTTPS",
      { "Terminal or browser → server 443/tcp is allowed (admin web UI, provisioning).",
        "端末・WebブラウザからVoiceXサーバーへのHTTPS（TCP 443）が許可されていること。" },
      { "OUT方向 (customer LAN ⇒ VoiceX)", SEC_OUT } },
    { "R-IN-SIP",
      { "Server (source ports 5060/5080/5081/4399) → terminal, any port: SIP must be let in.",
        "VoiceXサーバー（送信元ポート5060・5080・5081・4399）から端末へのSIP（宛先ポート任意）が受信できること。" },
      { "IN方向 (VoiceX ⇒ customer LAN)", SEC_IN } },
    { "R-IN-RTP",
      { "Server (source ports 10000–20000) → terminal, any port: RTP must be let in.",
        "VoiceXサーバー（送信元ポート10000～20000）から端末へのRTP（宛先ポート任意）が受信できること。" },
      { "IN方向 (VoiceX ⇒ customer LAN)", SEC_IN } },
    { "R-ALL-SERVERS",
      { "All three servers of the site's domain must be allowed, both directions.",
        "ご利用のSIPドメインに対応する3つのサーバーすべてが、双方向で許可されていること。" },
      { "note ※2 (VoiceX server addresses)", "「(※2) VoiceXサーバーIPアドレス」" } },
    { "R-BROWSER",
      { "The browser phone needs the server's ports 8088 and 8089 (WebSocket).",
        "ブラウザフォンを利用する場合、VoiceXサーバーの8088・8089番ポートへの接続が許可されていること。" },
      { "browser phone (under note ※2)", "「(※2) VoiceXサーバーIPアドレス」内「ブラウザフォンを利用する場合」" } },
    { "R-APP-HOSTS",
      { "Smartphone and PC softphone apps need the cloudsoftphone hosts on 443/tcp.",
        "スマートフォン・PCアプリがcloudsoftphoneの各ホスト（TCP 443）に接続できること。" },
      { "app hosts (under note ※2)", "「(※2) VoiceXサーバーIPアドレス」内の接続先ホスト一覧" } },
    { "R-NAT-TIMER",
      { "Where NAT / IP masquerade is used, the UDP binding for SIP must be kept about 3600 s.",
        "NAT・IPマスカレードを利用する場合、SIP通信のNATタイマー（保持期間）が3600秒程度であること。" },
      { "NATタイマー設定 (NAT timer), 構内LAN環境 (site LAN)", SEC_NAT "、" SEC_LAN } },
    { "R-NO-ALG",
      { "No device on the path may modify SIP (SIP-ALG, SIP-NAT functions).",
        "音声通信経路上のファイアウォール等がSIP通信のデータ変更を行わないこと（SIP-ALG、SIPNAT機能など）。" },
      { "構内LAN環境 (site LAN)", SEC_LAN } },
    { "R-NO-PROXY",
      { "Traffic must not go through a proxy.", "通信がプロキシを経由しないこと。" },
      { "構内LAN環境 (site LAN)", SEC_LAN } },
    { "R-BANDWIDTH",
      { "Each call (1 channel) needs 100 kbps up and 100 kbps down, stably.",
        "1通話（1ch）あたり上下とも100kbpsが通信経路上で安定して確保できること。" },
      { "構内LAN環境 (site LAN)", SEC_LAN } },
    { "R-QOS",
      { "Policy-based QoS (802.1p) is recommended, and required over VPN.",
        "ポリシーベースのQoS（802.1p）を推奨（VPN構成の場合は必須）。" },
      { "構内LAN環境 (site LAN)", SEC_LAN } },
    { "R-WIRED",
      { "Wired LAN is recommended on site; Wi-Fi and cellular quality is not guaranteed.",
        "構内では有線LAN接続を推奨（Wi-Fi・セルラー回線の品質は保証されません）。" },
      { "通話環境について (call environment), 構内LAN環境 (site LAN)", "「【通話環境について】」、" SEC_LAN } },
    { "R-COMPETING",
      { "Other traffic (business systems, web conferencing, video, mail, chat) can degrade voice; a trial is recommended.",
        "業務システム・Web会議・動画視聴・メール・チャット等の他の通信が発信音・音質に影響しうること（導入前のトライアルを推奨）。" },
      { "構内LAN環境, 注意事項 (notes)", SEC_LAN "の※注意事項" } },
};

size_t vx_requirement_count(void) { return sizeof requirements / sizeof requirements[0]; }

const struct vx_requirement *vx_requirement_at(size_t i)
{
    return i < vx_requirement_count() ? &requirements[i] : NULL;
}

const struct vx_requirement *vx_requirement_find(const char *id)
{
    for (size_t i = 0; id && i < vx_requirement_count(); i++)
        if (!strcmp(requirements[i].id, id)) return &requirements[i];
    return NULL;
}

static const struct vx_kind_text kinds[] = {
    { "sip_alg", { "SIP modified on the path (SIP-ALG)", "経路上でのSIP書き換え（SIP-ALG）" },
      "ルーター・ファイアウォールのSIP-ALG（SIPアプリケーションレベルゲートウェイ）、SIP NAT、SIPヘルパー、SIPインスペクション等の機能を無効にしてください。"
      "これらの機能がVia・Contact・SDPのアドレスやContent-Lengthを書き換えると、着信不可・片通話・切断の原因になります。設定変更後は機器の再起動またはセッションのクリアを行ってください。" },
    { "proxy", { "Traffic through a proxy", "プロキシ経由の通信" },
      "VoiceXの通信（SIP・RTP・HTTPS）はプロキシを経由させず、端末からVoiceXサーバーへ直接到達するよう設定してください。"
      "透過型プロキシやSIPプロキシ機能を持つ機器がある場合は、VoiceXサーバーのIPアドレスを対象外（バイパス）にしてください。" },
    { "inbound_unanswered", { "Inbound SIP not reaching the terminal", "着信方向のSIPが端末に届かない" },
      "VoiceXサーバー（3台すべて）の送信元ポート5060・5080・5081・4399から端末宛て（宛先ポート任意）のUDP通信を許可してください。"
      "NATを利用している場合は、端末の登録で作られたマッピングが維持されているか（NATタイマー3600秒程度）も確認してください。" },
    { "outbound_unanswered", { "Outbound SIP gets no answer", "発信方向のSIPに応答がない" },
      "端末からVoiceXサーバー（3台すべて）の宛先ポート5060・5080・5081・4399へのUDP通信を許可してください。"
      "あわせて、経路上にプロキシやSIP-ALGがないことを確認してください。" },
    { "nat_timeout", { "NAT binding expires too early", "NATマッピングの早期消失（NATタイマー）" },
      "ルーター・ファイアウォールのUDPセッション（NAT）タイマーを、SIP通信について3600秒程度に設定してください。"
      "タイマーが短いと、無通信の間にマッピングが消え、着信が届かなくなったり登録が外れたりします。" },
    { "partial_server_access", { "Not all VoiceX servers reachable", "一部のVoiceXサーバーにのみ到達可能" },
      "ご利用ドメインに対応する3つのVoiceXサーバーIPアドレスすべてを、送信・受信の双方向で許可してください。"
      "1台のみの許可ではフェイルオーバーや着信が正しく動作しません。" },
    { "port_violation", { "Traffic on ports outside the requirements", "要件外のポートでの通信" },
      "接続要件の表にあるポート（SIP: 5060・5080・5081・4399、RTP: 10000～20000、HTTPS: 443、STUN: 19302）で通信できるよう、"
      "端末の設定とファイアウォールのルールを見直してください。" },
    { "rtp_loss", { "RTP packet loss", "RTPパケットロス" },
      "回線の帯域（1通話あたり上下各100kbpsを安定して確保）と混雑状況を確認してください。"
      "無線（Wi-Fi・セルラー）ではなく有線LANを利用し、ルーターでRTPを優先するQoS（802.1p / DSCP EF）を設定してください。" },
    { "jitter", { "RTP jitter (delay variation)", "RTPのジッタ（遅延のゆらぎ）" },
      "回線の混雑や無線区間がゆらぎの原因になります。有線LANを利用し、QoS（802.1p / DSCP EF）で音声を優先し、"
      "大容量の通信（動画・バックアップ・Web会議等）が同じ回線を圧迫していないか確認してください。" },
    { "one_way_audio", { "One-way audio", "片通話（音声が片方向のみ）" },
      "VoiceXサーバーの送信元ポート10000～20000から端末宛て（宛先ポート任意）のUDP（RTP）を許可してください。"
      "SIP-ALGを無効にし、端末が送信したRTPで作られたNATマッピングが維持されていることも確認してください。" },
    { "no_rtp", { "No RTP for an answered call", "応答した通話でRTPがない" },
      "端末とVoiceXサーバー間のRTP（UDP 10000～20000）が双方向で許可されているか確認してください。"
      "SDPのアドレスがSIP-ALG等で書き換えられていないかも確認してください。" },
    { "ip_fragmentation", { "IP fragmentation of SIP", "SIPのIPフラグメント" },
      "大きなSIPメッセージが分割（フラグメント）されると、一部の機器で破棄されます。"
      "経路上の機器がフラグメントを通過させるか、MTUの設定を確認してください。" },
    { "stun_failure", { "STUN not answered", "STUNに応答がない" },
      "端末からstun.l.google.com（UDP 19302）への通信を許可してください。" },
    { "bandwidth", { "Not enough bandwidth", "帯域不足" },
      "1通話（1ch）あたり上下とも100kbpsを安定して確保してください。同時通話数分の帯域と、他の通信による圧迫を確認してください。" },
    { "no_qos_marking", { "No QoS marking on voice", "音声にQoSマーキングがない" },
      "ポリシーベースのQoS（802.1p）で音声（RTP・SIP）を優先してください。VPN構成の場合は必須です。" },
    { "competing_traffic", { "Competing traffic", "他の通信による圧迫" },
      "業務システム、Web会議、動画視聴、メール、チャット等の通信量が音声品質に影響しています。"
      "QoSで音声を優先するか、回線の増強・分離を検討してください。導入前のトライアルを推奨します。" },
    { "tls_or_encrypted", { "Encrypted signalling (not inspectable)", "暗号化された通信（内容確認不可）" },
      "SIP over TLS（5081）など暗号化された通信は内容を確認できません。問題の切り分けが必要な場合は、一時的にUDP 5080で接続して再取得してください。" },
    { "capture_problem", { "Capture problem", "キャプチャの問題" },
      "キャプチャが不完全なため、判定が限定されます。snaplenを無制限（tcpdump -s 0）にし、十分な時間、"
      "端末とルーターの間（LAN側）とルーターの外側（WAN側）で取得し直してください。" },
};

size_t vx_kind_count(void) { return sizeof kinds / sizeof kinds[0]; }
const struct vx_kind_text *vx_kind_at(size_t i) { return i < vx_kind_count() ? &kinds[i] : NULL; }

const struct vx_kind_text *vx_kind_find(const char *kind)
{
    for (size_t i = 0; kind && i < vx_kind_count(); i++)
        if (!strcmp(kinds[i].kind, kind)) return &kinds[i];
    return NULL;
}
