locals {
  greeting = "%{if var.mode ==
    "loud"}HELLO%{else}hello%{endif}"
}
