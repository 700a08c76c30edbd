#!/bin/sh
# Rebuilds the embedded Noto Sans faces from Debian's fonts-noto-core
# (Noto Sans 2.004, SIL OFL 1.1, see LICENSE-NotoSans.txt) with fontTools'
# subsetter (`pip install fonttools`). Run from this folder:
#
#     sh make-fonts.sh [/usr/share/fonts/truetype/noto]
#
# Every face keeps the original outlines and advance widths. What goes:
# hinting (PDF viewers rasterise without it), OpenType layout tables (Duly
# draws one glyph per character, without kerning or ligatures) and glyph
# names. That halves the files and their parse time.
#
# Two cuts per weight:
#   NotoSans-<weight>.ttf         every character Noto Sans has;
#   NotoSans-<weight>-Common.ttf  Latin (with Latin-1 and Extended-A/B),
#                                 combining marks, punctuation, currency,
#                                 letterlike symbols, number forms, arrows
#                                 and maths: what nearly every invoice uses,
#                                 at a third of the glyphs, so a document
#                                 that needs nothing else starts faster.
set -eu
src=${1:-/usr/share/fonts/truetype/noto}
common='U+0000-024F,U+02B0-036F,U+2000-206F,U+20A0-20CF,U+2100-22FF'
strip='--no-hinting --layout-features= --drop-tables+=GSUB,GPOS,GDEF,gasp,DSIG,kern --no-glyph-names --name-IDs=* --name-languages=* --notdef-outline'
for weight in Regular Bold; do
    # shellcheck disable=SC2086 # $strip is a list of options
    pyftsubset "$src/NotoSans-$weight.ttf" --unicodes='*' $strip \
        --output-file="NotoSans-$weight.ttf"
    # shellcheck disable=SC2086
    pyftsubset "$src/NotoSans-$weight.ttf" --unicodes="$common" $strip \
        --output-file="NotoSans-$weight-Common.ttf"
done
