locals {
  greeting = "%{if
    var.loud}HELLO%{else}hello%{endif}"
}
