/* tcp.h — TCP header. */
#ifndef VX_TCP_H
#define VX_TCP_H
#include <stddef.h>
#include <stdint.h>

#define VX_TCP_FIN 0x01
#define VX_TCP_SYN 0x02
#define VX_TCP_RST 0x04
#define VX_TCP_PSH 0x08
#define VX_TCP_ACK 0x10

struct vx_tcp {
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t flags;
    const uint8_t *payload;  /* borrowed */
    size_t payload_len;
};

int vx_tcp_dissect(const uint8_t *data, size_t len, struct vx_tcp *out);
#endif
