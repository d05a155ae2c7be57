/* xwd-colours.c - reads a screenshot in X's XWD format (as `xwd -root` writes it) and
 * prints how many of its pixels have each of the colours named on the command line:
 *
 *     xwd-colours SHOT.xwd 1f4e79 c0392b ...   ->   "1f4e79 523" per line
 *
 * then "distinct N", the number of different colours in the picture. The live-figure
 * test (tests/live/window.sh) uses it to see that a window showed the figure: not a
 * blank screen, and the figure's own colours. Only 24- and 32-bit TrueColor pictures,
 * which is what Xvfb gives. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t be32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: xwd-colours SHOT.xwd [RRGGBB...]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    unsigned char h[100];
    if (!f || fread(h, 1, 100, f) != 100) {
        fprintf(stderr, "xwd-colours: cannot read %s\n", argv[1]);
        return 1;
    }
    /* the header: 25 big-endian 32-bit fields, then the window's name */
    uint32_t header_size = be32(h), width = be32(h + 16), height = be32(h + 20);
    uint32_t byte_order = be32(h + 28), bpp = be32(h + 44), line = be32(h + 48);
    uint32_t ncolors = be32(h + 76);
    if (bpp != 32 && bpp != 24) {
        fprintf(stderr, "xwd-colours: %u bits per pixel, expected 24 or 32\n", bpp);
        return 1;
    }
    fseek(f, (long)header_size + 12L * ncolors, SEEK_SET);
    size_t n = (size_t)line * height;
    unsigned char *pix = malloc(n);
    if (!pix || fread(pix, 1, n, f) != n) {
        fprintf(stderr, "xwd-colours: %s is shorter than its header says\n", argv[1]);
        return 1;
    }
    size_t wanted = (size_t)argc - 2;
    long *count = calloc(wanted + 1, sizeof *count);
    uint32_t *target = calloc(wanted + 1, sizeof *target);
    for (size_t k = 0; k < wanted; k++)
        target[k] = (uint32_t)strtoul(argv[k + 2], NULL, 16);
    unsigned char *seen = calloc(1u << 24, 1);
    long distinct = 0;
    for (uint32_t y = 0; y < height; y++)
        for (uint32_t x = 0; x < width; x++) {
            const unsigned char *p = pix + (size_t)y * line + (size_t)x * (bpp / 8);
            /* byte_order 0 (LSBFirst): B G R (x); 1: (x) R G B */
            uint32_t rgb = byte_order == 0
                               ? (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0]
                               : (uint32_t)p[bpp / 8 - 3] << 16 |
                                     (uint32_t)p[bpp / 8 - 2] << 8 | p[bpp / 8 - 1];
            if (!seen[rgb]++)
                distinct++;
            for (size_t k = 0; k < wanted; k++)
                count[k] += rgb == target[k];
        }
    for (size_t k = 0; k < wanted; k++)
        printf("%06x %ld\n", target[k], count[k]);
    printf("distinct %ld\n", distinct);
    return 0;
}
