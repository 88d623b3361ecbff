/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <string.h>
#include <unicode/uidna.h>

#include "co-platform-private.h"

/*
 * Addresses as X finds them: the URL grammar of twitter-text (its Java
 * edition, which X's servers run), written as a scanner instead of one large
 * regular expression.  An address counts 23 whatever its length.
 *
 *   preceding  start of text, a directional mark, or any character but a
 *              letter or digit of ASCII, @ $ # ＠ ＃ and U+FFFE/FEFF/FFFF
 *   address    [http:// | https://] domain [:port] [/path] [?query]
 *   domain     (sub.)* name. tld  — labels of ASCII letters and digits, Latin
 *              accented letters, inner hyphens (and inner underscores in
 *              subdomains); or, after a scheme only, one label of any letters
 *              and a tld (http://例子.中国)
 *   tld        a top-level domain followed by no ASCII letter, digit, @, + or -;
 *              or any xn-- punycode label
 *   path       the longest run of path characters and balanced parentheses
 *              that ends on a path-ending character (so "/foo." keeps its
 *              full stop out of the address)
 *   query      ? and the longest run of query characters ending on a
 *              query-ending character
 *
 * An address without a scheme is dropped when it follows - _ . or /; a
 * t.co address keeps only its slug (at most 40 characters) and query; a host
 * with a label longer than 63 characters in punycode, or an address longer
 * than 4,096 characters, is no address.  The scanner resumes after each
 * match, like a regular expression does.
 *
 * The top-level domains come from the Public Suffix List
 * (co-platform-tlds.c).
 */

#define MAX_URL_LENGTH       4096
#define MAX_TCO_SLUG_LENGTH  40
#define MAX_LABEL_LENGTH     63
#define DEFAULT_SCHEME_CHARS 8 /* "https://", added to addresses without one */

typedef struct
{
  const char *text;
  gsize       length;
} Scan;

typedef struct
{
  gsize    start;
  gsize    host_start;
  gsize    host_end;
  gsize    end;
  gboolean has_scheme;
  gunichar before;
} Match;

typedef gboolean (*CharClass) (gunichar c);

static gunichar
char_at (const Scan *scan,
         gsize       pos)
{
  return pos < scan->length ? g_utf8_get_char (scan->text + pos) : 0;
}

static gsize
next_pos (const Scan *scan,
          gsize       pos)
{
  return g_utf8_next_char (scan->text + pos) - scan->text;
}

static gboolean
in_ascii_set (gunichar    c,
              const char *set)
{
  return c != 0 && c < 0x80 && strchr (set, (int) c) != NULL;
}

static gboolean
is_ascii_digit (gunichar c)
{
  return c >= '0' && c <= '9';
}

static gboolean
is_ascii_alnum (gunichar c)
{
  return c < 0x80 && g_ascii_isalnum ((char) c);
}

static gboolean
is_latin_accent (gunichar c)
{
  return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x24F) ||
         c == 0x253 || c == 0x254 || c == 0x256 || c == 0x257 || c == 0x259 || c == 0x25B ||
         c == 0x263 || c == 0x268 || c == 0x26F || c == 0x272 || c == 0x289 || c == 0x28B ||
         c == 0x2BB || (c >= 0x300 && c <= 0x36F) || (c >= 0x1E00 && c <= 0x1EFF);
}

static gboolean
is_directional (gunichar c)
{
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

static gboolean
is_preceding (gunichar c)
{
  if (is_directional (c))
    return TRUE;
  return !(is_ascii_alnum (c) || in_ascii_set (c, "@$#") || c == 0xFF20 || c == 0xFF03 ||
           _co_x_is_refused_char (c));
}

static gboolean
is_domain_char (gunichar c)
{
  return is_ascii_alnum (c) || is_latin_accent (c);
}

/* Any letter of a host written after a scheme: not punctuation, space,
 * a separator, General Punctuation, a directional mark or a refused
 * character. */
static gboolean
is_unicode_domain_char (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  if (c < 0x80)
    return g_ascii_isalnum ((char) c);
  return !(type == G_UNICODE_SPACE_SEPARATOR || type == G_UNICODE_LINE_SEPARATOR ||
           type == G_UNICODE_PARAGRAPH_SEPARATOR || g_unichar_isspace (c) ||
           (c >= 0x2000 && c <= 0x206F) || c == 0x3000 || c == 0x1680 || c == 0x180E ||
           is_directional (c) || _co_x_is_refused_char (c));
}

static gboolean
is_path_char (gunichar c)
{
  return is_ascii_alnum (c) || in_ascii_set (c, "!*';:=+,.$/%#[]-_~|&@") || c == 0x2013 ||
         is_latin_accent (c) || (c >= 0x400 && c <= 0x4FF);
}

static gboolean
is_path_end_char (gunichar c)
{
  return is_ascii_alnum (c) || in_ascii_set (c, "=_#/-+") || is_latin_accent (c) ||
         (c >= 0x400 && c <= 0x4FF);
}

static gboolean
is_query_char (gunichar c)
{
  return is_ascii_alnum (c) || in_ascii_set (c, "!?*'();:&=+$/%#[]-_.,~|@");
}

static gboolean
is_query_end_char (gunichar c)
{
  return is_ascii_alnum (c) || in_ascii_set (c, "-_&=#/");
}

/* A label of @is_char characters with hyphens (and underscores when
 * @underscore) inside it, then a dot. */
static gboolean
match_label (const Scan *scan,
             gsize       pos,
             CharClass   is_char,
             gboolean    underscore,
             gsize      *out_end)
{
  gsize p = pos;
  gunichar last = 0;

  for (gunichar c = char_at (scan, p); p < scan->length; c = char_at (scan, p))
    {
      if (!is_char (c) && c != '-' && !(underscore && c == '_'))
        break;
      if (p == pos && !is_char (c))
        return FALSE;
      last = c;
      p = next_pos (scan, p);
    }
  if (p == pos || !is_char (last) || char_at (scan, p) != '.')
    return FALSE;
  *out_end = p + 1;
  return TRUE;
}

/* The top-level domain must not run on into an ASCII letter, digit, @, +
 * or -. */
static gboolean
ends_tld (const Scan *scan,
          gsize       pos)
{
  gunichar c = char_at (scan, pos);

  return pos >= scan->length || !(is_ascii_alnum (c) || in_ascii_set (c, "@+-"));
}

static gboolean
match_punycode_tld (const Scan *scan,
                    gsize       pos,
                    gsize      *out_end)
{
  gsize p = pos + 4;

  if (pos + 4 >= scan->length || g_ascii_strncasecmp (scan->text + pos, "xn--", 4) != 0)
    return FALSE;
  while (is_ascii_alnum (char_at (scan, p)) || char_at (scan, p) == '-')
    p++;
  if (p == pos + 4)
    return FALSE;
  *out_end = p;
  return TRUE;
}

/* The longest run of letters (of any script: .рф, .vermögensberatung) that
 * is a top-level domain; a shorter one must still not run on into an ASCII
 * letter. */
static gboolean
match_letter_tld (const Scan *scan,
                  gsize       pos,
                  gsize      *out_end)
{
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize p = pos;

  while (p < scan->length && ends->len < MAX_LABEL_LENGTH)
    {
      gunichar c = char_at (scan, p);

      if (!(g_unichar_isalpha (c) || g_unichar_ismark (c)))
        break;
      p = next_pos (scan, p);
      g_array_append_val (ends, p);
    }
  for (guint i = ends->len; i > 0; i--)
    {
      gsize end = g_array_index (ends, gsize, i - 1);

      if (ends_tld (scan, end) && _co_x_is_tld (scan->text + pos, end - pos))
        {
          *out_end = end;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
match_tld (const Scan *scan,
           gsize       pos,
           gboolean    punycode,
           gsize      *out_end)
{
  return match_letter_tld (scan, pos, out_end) ||
         (punycode && match_punycode_tld (scan, pos, out_end));
}

/* (sub.)* name. tld, taking as many subdomains as still leave a name and a
 * top-level domain, as the greedy regular expression does. */
static gboolean
match_ascii_domain (const Scan *scan,
                    gsize       pos,
                    gsize      *out_end)
{
  g_autoptr(GArray) starts = NULL;
  gsize p;

  /* Most words are no label followed by a dot: say so before allocating. */
  if (!match_label (scan, pos, is_domain_char, TRUE, &p))
    return FALSE;
  starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (starts, pos);
  g_array_append_val (starts, p);
  while (match_label (scan, p, is_domain_char, TRUE, &p))
    g_array_append_val (starts, p);
  for (guint k = starts->len; k > 0; k--)
    {
      gsize name_end;

      if (match_label (scan, g_array_index (starts, gsize, k - 1), is_domain_char, FALSE,
                       &name_end) &&
          match_tld (scan, name_end, TRUE, out_end))
        return TRUE;
    }
  return FALSE;
}

static gboolean
match_unicode_domain (const Scan *scan,
                      gsize       pos,
                      gsize      *out_end)
{
  gsize name_end;

  return match_label (scan, pos, is_unicode_domain_char, FALSE, &name_end) &&
         match_tld (scan, name_end, FALSE, out_end);
}

static gsize
scheme_length (const Scan *scan,
               gsize       pos)
{
  const char *p = scan->text + pos;
  gsize left = scan->length - pos;

  if (left >= 8 && g_ascii_strncasecmp (p, "https://", 8) == 0)
    return 8;
  if (left >= 7 && g_ascii_strncasecmp (p, "http://", 7) == 0)
    return 7;
  return 0;
}

/* \( (G+ | G* \( G+ \) G*) \) */
static gboolean
match_parens (const Scan *scan,
              gsize       pos,
              gsize      *out_end)
{
  gsize p = pos + 1, inner;
  gsize run = 0;

  for (; is_path_char (char_at (scan, p)); p = next_pos (scan, p))
    run++;
  if (char_at (scan, p) == ')' && run > 0)
    {
      *out_end = p + 1;
      return TRUE;
    }
  if (char_at (scan, p) != '(')
    return FALSE;
  for (inner = ++p; is_path_char (char_at (scan, p)); p = next_pos (scan, p))
    ;
  if (p == inner || char_at (scan, p) != ')')
    return FALSE;
  for (p++; is_path_char (char_at (scan, p)); p = next_pos (scan, p))
    ;
  if (char_at (scan, p) != ')')
    return FALSE;
  *out_end = p + 1;
  return TRUE;
}

/* After a slash: the longest run of path characters and balanced
 * parentheses that ends on a path-ending character or parentheses. */
static gsize
match_path (const Scan *scan,
            gsize       slash)
{
  gsize p = slash + 1, end = slash + 1;

  while (p < scan->length)
    {
      gunichar c = char_at (scan, p);

      if (c == '(')
        {
          if (!match_parens (scan, p, &p))
            break;
          end = p;
          continue;
        }
      if (!is_path_char (c))
        break;
      p = next_pos (scan, p);
      if (is_path_end_char (c))
        end = p;
    }
  return end;
}

/* After a question mark: the longest run of query characters that ends on
 * a query-ending one; @mark when there is none. */
static gsize
match_query (const Scan *scan,
             gsize       mark)
{
  gsize p = mark + 1, end = mark;

  for (; p < scan->length && is_query_char (char_at (scan, p)); p++)
    {
      if (is_query_end_char (char_at (scan, p)))
        end = p + 1;
    }
  return end;
}

static gsize
match_tail (const Scan *scan,
            gsize       pos)
{
  if (char_at (scan, pos) == ':' && is_ascii_digit (char_at (scan, pos + 1)))
    for (pos++; is_ascii_digit (char_at (scan, pos)); pos++)
      ;
  if (char_at (scan, pos) == '/')
    pos = match_path (scan, pos);
  if (char_at (scan, pos) == '?')
    pos = match_query (scan, pos);
  return pos;
}

static gboolean
match_url (const Scan *scan,
           gsize       pos,
           Match      *match)
{
  gsize scheme = scheme_length (scan, pos);
  gsize host = pos + scheme;

  match->start = pos;
  match->host_start = host;
  match->has_scheme = scheme > 0;
  if (!match_ascii_domain (scan, host, &match->host_end) &&
      !(scheme > 0 && match_unicode_domain (scan, host, &match->host_end)))
    return FALSE;
  match->end = match_tail (scan, match->host_end);
  return TRUE;
}

/* The regular expression's alternatives for what precedes an address: a
 * character it consumes, or the start of the text. */
static gboolean
match_at (const Scan *scan,
          gsize       pos,
          Match      *match)
{
  gunichar c = char_at (scan, pos);

  if (is_preceding (c) && match_url (scan, next_pos (scan, pos), match))
    {
      match->before = c;
      return TRUE;
    }
  match->before = 0;
  return pos == 0 && match_url (scan, 0, match);
}

static gpointer
open_idna (gpointer data)
{
  UErrorCode status = U_ZERO_ERROR;

  return uidna_openUTS46 (UIDNA_DEFAULT, &status);
}

/* The host's length in punycode, or -1 when a label is empty or longer than
 * 63 characters once encoded. */
static gssize
punycode_length (const Scan  *scan,
                 const Match *match)
{
  static GOnce once = G_ONCE_INIT;
  const UIDNA *idna = g_once (&once, open_idna, NULL);
  UErrorCode status = U_ZERO_ERROR;
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  char buffer[512];
  int32_t length;

  if (idna == NULL)
    return -1;
  length = uidna_nameToASCII_UTF8 (idna, scan->text + match->host_start,
                                   match->host_end - match->host_start, buffer, sizeof buffer,
                                   &info, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR)
    return MAX_URL_LENGTH + 1;
  /* Java's IDN.toASCII(), which twitter-text calls, fails on these too: an
   * xn-- label must be punycode already. */
  if (U_FAILURE (status) ||
      (info.errors & (UIDNA_ERROR_LABEL_TOO_LONG | UIDNA_ERROR_EMPTY_LABEL |
                      UIDNA_ERROR_PUNYCODE | UIDNA_ERROR_INVALID_ACE_LABEL)) != 0)
    return -1;
  return length;
}

static gboolean
is_valid_host_and_length (const Scan  *scan,
                          const Match *match)
{
  gssize host = punycode_length (scan, match);
  glong rest;

  if (host < 0)
    return FALSE;
  rest = g_utf8_strlen (scan->text + match->start, match->host_start - match->start) +
         g_utf8_strlen (scan->text + match->host_end, match->end - match->host_end);
  return rest + host + (match->has_scheme ? 0 : DEFAULT_SCHEME_CHARS) <= MAX_URL_LENGTH;
}

/* A t.co address keeps only its slug and query; a slug over 40 characters
 * is no address at all. */
static gboolean
trim_tco (const Scan *scan,
          Match      *match)
{
  gsize slug = match->host_end + 1, p = slug;

  if (!match->has_scheme || match->host_end - match->host_start != 4 ||
      g_ascii_strncasecmp (scan->text + match->host_start, "t.co", 4) != 0 ||
      char_at (scan, match->host_end) != '/')
    return TRUE;
  while (p < match->end && is_ascii_alnum (char_at (scan, p)))
    p++;
  if (p == slug)
    return TRUE;
  if (p - slug > MAX_TCO_SLUG_LENGTH)
    return FALSE;
  match->end = char_at (scan, p) == '?' ? MIN (match_query (scan, p), match->end) : p;
  return TRUE;
}

static gboolean
accept_match (const Scan *scan,
              Match      *match)
{
  if (!match->has_scheme && in_ascii_set (match->before, "-_./"))
    return FALSE;
  return trim_tco (scan, match) && is_valid_host_and_length (scan, match);
}

/**
 * _co_x_find_urls:
 * @text: valid UTF-8, normalised to NFC
 * @length: its length in bytes
 *
 * Finds the addresses X counts as 23 characters.
 *
 * Returns: (transfer full) (element-type CoTextSpan): the addresses, in order
 */
GArray *
_co_x_find_urls (const char *text,
                 gsize       length)
{
  GArray *urls = g_array_new (FALSE, FALSE, sizeof (CoTextSpan));
  Scan scan = { text, length };
  gsize pos = 0;

  /* Every address has a dot in its domain. */
  if (memchr (text, '.', length) == NULL)
    return urls;
  while (pos < length)
    {
      Match match;
      gsize resume;

      if (!match_at (&scan, pos, &match))
        {
          pos = next_pos (&scan, pos);
          continue;
        }
      resume = match.end;
      if (accept_match (&scan, &match))
        g_array_append_val (urls, ((CoTextSpan) { match.start, match.end }));
      pos = resume;
    }
  return urls;
}
