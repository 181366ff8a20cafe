locals {
  m = { for k in var.x : k => {
    a = 1 +
    2
  } }
}
