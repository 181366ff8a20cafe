locals {
  l = [
    1 # one
    2
  ]
}
