/* link.h — link-layer framing: Ethernet (802.1Q/QinQ, PPPoE), Linux SLL/SLL2, raw IP, BSD null. */
#ifndef VX_LINK_H
#define VX_LINK_H
#include <stddef.h>
#include <stdint.h>

/* pcap LINKTYPE values we understand */
enum {
    VX_DLT_NULL = 0, VX_DLT_EN10MB = 1, VX_DLT_RAW_OLD = 12, VX_DLT_RAW_OLD2 = 14,
    VX_DLT_LOOP = 108, VX_DLT_RAW = 101, VX_DLT_LINUX_SLL = 113,
    VX_DLT_IPV4 = 228, VX_DLT_IPV6 = 229, VX_DLT_LINUX_SLL2 = 276
};

#define VX_ETH_IPV4 0x0800
#define VX_ETH_IPV6 0x86DD
#define VX_ETH_MAX_TAGS 8

enum vx_link_status { VX_LINK_OK = 0, VX_LINK_TRUNCATED, VX_LINK_NOT_IP, VX_LINK_UNSUPPORTED };

struct vx_link {
    uint16_t ethertype;      /* VX_ETH_IPV4 / VX_ETH_IPV6 when OK */
    size_t net_offset;       /* where the IP header starts */
    uint8_t vlan_tags;       /* how many 802.1Q/802.1ad tags were skipped */
    uint16_t vlan_id;        /* outermost VLAN id */
    int8_t pcp;              /* 802.1p priority of the outermost tag, -1 if untagged */
};

/* True when vxdiag can read this link type. */
int vx_link_supported(int dlt);
const char *vx_link_name(int dlt);
/* Finds the network layer in one frame. Pure; reads only pkt[0..caplen). */
enum vx_link_status vx_link_dissect(int dlt, const uint8_t *pkt, size_t caplen, struct vx_link *out);
/* Ethernet header parse starting at pkt (used again for tunnels carrying Ethernet). */
enum vx_link_status vx_ether_dissect(const uint8_t *pkt, size_t caplen, struct vx_link *out);
#endif
