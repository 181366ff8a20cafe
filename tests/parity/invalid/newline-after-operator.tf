locals {
  n = 1 +
    2
}
