//go:build amd64 && !purego

#include "textflag.h"

// The byte shuffle that lays out the eight triples of a step as dwords: the
// low lane holds text bytes 0-15 (triples at 0, 2, 4, 6), the high lane bytes
// 1-16 (triples at 8, 10, 12, 14: lane bytes 7-9 ... 13-15); 0x80 zeroes.
DATA triShuf<>+0(SB)/8, $0x8004030280020100
DATA triShuf<>+8(SB)/8, $0x8008070680060504
DATA triShuf<>+16(SB)/8, $0x800B0A0980090807
DATA triShuf<>+24(SB)/8, $0x800F0E0D800D0C0B
GLOBL triShuf<>(SB), RODATA|NOPTR, $32

// The other constants, one dword each: the ASCII case fold, the two halves of
// triHash's multiplier, the bit index mask.
DATA triConst<>+0(SB)/4, $0x20202020
DATA triConst<>+4(SB)/4, $0x7F4A7C15
DATA triConst<>+8(SB)/4, $0x9E3779B9
DATA triConst<>+12(SB)/4, $31
GLOBL triConst<>(SB), RODATA|NOPTR, $16

// func triSkipAVX2(tri *[2048]uint64, text []byte) (off int, hit bool)
//
// triHash(t) is bits 47-63 of t * 0x9E3779B97F4A7C15 for a 24-bit t, that is
// bits 15-31 of hi32(t * 0x7F4A7C15) + lo32(t * 0x9E3779B9): VPMULUDQ gives
// the first (even and odd dwords in two multiplies), VPMULLD the second. The
// filter's bit h is bit h&31 of its dword h>>5 (little-endian words): one
// gather reads the eight dwords.
TEXT ·triSkipAVX2(SB), NOSPLIT, $0-41
	MOVQ tri+0(FP), AX
	MOVQ text_base+8(FP), SI
	MOVQ text_len+16(FP), CX
	XORQ DX, DX
	SUBQ $17, CX // last offset with 17 bytes from it
	JL   short
	VPBROADCASTD triConst<>+0(SB), Y9  // ASCII case fold
	VMOVDQU      triShuf<>(SB), Y10
	VPBROADCASTD triConst<>+4(SB), Y11 // multiplier, low half
	VPBROADCASTD triConst<>+8(SB), Y12 // multiplier, high half
	VPBROADCASTD triConst<>+12(SB), Y13

loop:
	VMOVDQU     (SI)(DX*1), X0
	VINSERTI128 $1, 1(SI)(DX*1), Y0, Y0
	VPOR        Y9, Y0, Y0
	VPSHUFB     Y10, Y0, Y1          // t: eight triples
	VPMULUDQ    Y11, Y1, Y2          // t * lo, even dwords
	VPSRLQ      $32, Y1, Y3
	VPMULUDQ    Y11, Y3, Y4          // t * lo, odd dwords
	VPSRLQ      $32, Y2, Y2
	VPBLENDD    $0xAA, Y4, Y2, Y2    // hi32(t * lo)
	VPMULLD     Y12, Y1, Y5          // lo32(t * hi)
	VPADDD      Y5, Y2, Y2
	VPSRLD      $15, Y2, Y2          // h
	VPSRLD      $5, Y2, Y3           // dword index
	VPAND       Y13, Y2, Y2          // bit index
	VPCMPEQD    Y4, Y4, Y4           // gather every lane
	VPXOR       Y5, Y5, Y5
	VPGATHERDD  Y4, (AX)(Y3*4), Y5
	VPSRLVD     Y2, Y5, Y5
	VPSLLD      $31, Y5, Y5
	VMOVMSKPS   Y5, BX
	TESTL       BX, BX
	JNZ         hit
	ADDQ        $16, DX
	CMPQ        DX, CX
	JLE         loop
	VZEROUPPER
	MOVQ        DX, off+32(FP)
	MOVB        $0, hit+40(FP)
	RET

hit:
	VZEROUPPER
	TESTL $0x0f, BX
	JNZ   first
	ADDQ  $8, DX

first:
	MOVQ DX, off+32(FP)
	MOVB $1, hit+40(FP)
	RET

short:
	MOVQ $0, off+32(FP)
	MOVB $0, hit+40(FP)
	RET

// The byte classes of classBitsAVX2 by nibble (see classNibbles): a byte's
// class bits are lo[c&15] & hi[c>>4]; 0x0f splits bytes into nibbles, 0x07
// selects the alphanumeric bits.
DATA clsConst<>+0(SB)/1, $0x0f
DATA clsConst<>+1(SB)/1, $0x07
GLOBL clsConst<>(SB), RODATA|NOPTR, $2

// CLASS32 classifies the 32 bytes at addr: the masks of the bytes that are
// not triggers (nt), joins (j), not alphanumeric (na) and digits (d).
#define CLASS32(addr, nt, j, na, d) \
	VMOVDQU   addr, Y0        \
	VPSRLW    $4, Y0, Y1      \
	VPAND     Y12, Y0, Y0     \
	VPAND     Y12, Y1, Y1     \
	VPSHUFB   Y0, Y8, Y2      \
	VPSHUFB   Y1, Y9, Y3      \
	VPAND     Y2, Y3, Y2      \
	VPCMPEQB  Y14, Y2, Y2     \
	VPMOVMSKB Y2, nt          \
	VPSHUFB   Y0, Y10, Y4     \
	VPSHUFB   Y1, Y11, Y5     \
	VPAND     Y4, Y5, Y4      \
	VPMOVMSKB Y4, j           \
	VPAND     Y13, Y4, Y5     \
	VPCMPEQB  Y14, Y5, Y5     \
	VPMOVMSKB Y5, na          \
	VPSLLW    $7, Y4, Y4      \
	VPMOVMSKB Y4, d

// CLASS64 classifies the 64 bytes at base: triggers in AX, digits in R12,
// alphanumeric bytes in DX, joins in BX.
#define CLASS64(base) \
	CLASS32(0(base), R8, R9, R10, R11) \
	CLASS32(32(base), AX, BX, DX, R12) \
	SHLQ $32, AX  \
	ORQ  R8, AX   \
	NOTQ AX       \
	SHLQ $32, R12 \
	ORQ  R11, R12 \
	SHLQ $32, DX  \
	ORQ  R10, DX  \
	NOTQ DX       \
	SHLQ $32, BX  \
	ORQ  R9, BX

// func classBitsAVX2(tab *[64]byte, text []byte, out *uint64)
//
// Four words at out for each 64 bytes of text (len(text) >= 64): the trigger
// bytes (tab[0:16] by low nibble AND tab[16:32] by high nibble is not zero),
// the digits (bit 0 of the classes tab[32:48] AND tab[48:64]), the ASCII
// letters and digits (bits 0-2) and the token joins (bit 7). A last, short
// block is read as the 64 bytes that end the text, its words shifted so
// that bit 0 stands for the block's first byte.
TEXT ·classBitsAVX2(SB), NOSPLIT, $0-40
	MOVQ tab+0(FP), AX
	MOVQ text_base+8(FP), SI
	MOVQ text_len+16(FP), CX
	MOVQ out+32(FP), DI
	VBROADCASTI128 0(AX), Y8   // triggers by low nibble
	VBROADCASTI128 16(AX), Y9  // triggers by high nibble
	VBROADCASTI128 32(AX), Y10 // classes by low nibble
	VBROADCASTI128 48(AX), Y11 // classes by high nibble
	VPBROADCASTB   clsConst<>+0(SB), Y12
	VPBROADCASTB   clsConst<>+1(SB), Y13
	VPXOR          Y14, Y14, Y14
	MOVQ           CX, R13
	SHRQ           $6, R13     // full blocks
	JZ             tail

block:
	CLASS64(SI)
	MOVQ AX, 0(DI)
	MOVQ R12, 8(DI)
	MOVQ DX, 16(DI)
	MOVQ BX, 24(DI)
	ADDQ $64, SI
	ADDQ $32, DI
	DECQ R13
	JNZ  block

tail:
	ANDQ $63, CX
	JZ   done
	LEAQ -64(SI)(CX*1), SI
	NEGQ CX
	ADDQ $64, CX // shift by 64 - r
	CLASS64(SI)
	SHRQ CX, AX
	SHRQ CX, R12
	SHRQ CX, DX
	SHRQ CX, BX
	MOVQ AX, 0(DI)
	MOVQ R12, 8(DI)
	MOVQ DX, 16(DI)
	MOVQ BX, 24(DI)

done:
	VZEROUPPER
	RET
