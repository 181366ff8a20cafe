locals {
  labels = { for k in local.names : k => local.mode == "none" ? local.v[k] :
    local.mode == "upper" ? upper(local.v[k]) : lower(local.v[k])
  }
}
