/* tunnel.h — encapsulations that carry IP or Ethernet: GRE (incl. enhanced GRE/PPTP with PPP,
 * ERSPAN II, transparent Ethernet) and GTP-U. */
#ifndef VX_TUNNEL_H
#define VX_TUNNEL_H
#include <stddef.h>
#include <stdint.h>

enum vx_inner { VX_INNER_NONE = 0, VX_INNER_IP, VX_INNER_ETHER };

struct vx_tunnel {
    enum vx_inner inner;
    size_t offset;           /* where the inner packet starts */
};

/* GRE payload (after the outer IP header). */
int vx_gre_dissect(const uint8_t *data, size_t len, struct vx_tunnel *out);
/* GTP-U (UDP port 2152) payload. */
int vx_gtpu_dissect(const uint8_t *data, size_t len, struct vx_tunnel *out);
#endif
