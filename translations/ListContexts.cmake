# Writes the names of the translation contexts found in TS_FILES (a ;-separated list), one
# per line, to OUTPUT: DocketTranslator looks a string up in each of them when its own
# context has no translation.
#
#   cmake "-DTS_FILES=<a.ts;b.ts>" -DOUTPUT=<contexts.txt> -P ListContexts.cmake
cmake_minimum_required(VERSION 3.25)

set(_names "")
foreach(_ts IN LISTS TS_FILES)
  file(STRINGS "${_ts}" _lines REGEX "<name>[^<]*</name>")
  foreach(_line IN LISTS _lines)
    string(REGEX REPLACE ".*<name>([^<]*)</name>.*" "\\1" _name "${_line}")
    list(APPEND _names "${_name}")
  endforeach()
endforeach()
list(REMOVE_DUPLICATES _names)
list(SORT _names)
list(JOIN _names "\n" _content)
string(APPEND _content "\n")
# Rewritten only when the content changes.
file(CONFIGURE OUTPUT "${OUTPUT}" CONTENT "${_content}" @ONLY)
