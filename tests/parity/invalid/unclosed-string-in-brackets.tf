locals {
  l = ["abc
  "]
}
