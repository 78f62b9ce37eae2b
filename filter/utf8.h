/* Decoding one UTF-8 character.
 *
 * Why: the input check, the JSON writer and the escaping of messages all
 * need to know where a character ends and which it is, and must agree on
 * what is not UTF-8; one decoder that depends on nothing serves the three. */
#ifndef LS_UTF8_H
#define LS_UTF8_H

#include <stddef.h>

/* The length of the valid UTF-8 sequence of two to four bytes at p (at most
 * left bytes), with its code point; 0 when the bytes there are not one:
 * overlong forms, surrogates and code points past U+10FFFF are not valid. */
size_t utf8_sequence(const unsigned char *p, size_t left, unsigned *code_point);

#endif
