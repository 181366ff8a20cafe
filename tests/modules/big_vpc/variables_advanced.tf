################################################################################
# Inputs that go beyond the classic list-of-strings interface.
# Kept in their own file so the plain variables stay easy to scan.
################################################################################

variable "account_id" {
  description = "The AWS account ID the VPC is created in (12 digits). Used to scope endpoint and flow log policies."
  type        = string

  validation {
    condition     = can(regex("^\\d{12}$", var.account_id))
    error_message = "The account_id must be exactly 12 digits."
  }
}

variable "subnet_layout" {
  description = <<-EOT
    Declarative subnet layout, an alternative to the `*_subnets` lists.

    Each tier is carved out of `cidr` with `cidrsubnet()`:
      - `newbits` is added to the VPC prefix length
      - `netnum_offset` shifts the first network number
    Tiers that are left out are not created.
  EOT
  type = object({
    # One entry per tier, keyed by tier name
    tiers = optional(map(object({
      newbits       = number
      netnum_offset = optional(number, 0) // first network number
      routing = optional(object({
        # How the tier reaches the internet
        mode = optional(string, "nat") # "igw", "nat" or "none"
        nat = optional(object({
          // Level four: where the NAT gateways live
          strategy           = optional(string, "per_az")
          eip_allocation_ids = optional(list(string), [])
        }), {})
      }), {})
      tags = optional(map(string), {})
    })), {})
    reserve_for_future = optional(list(string), []) # CIDRs kept free
  })
  default  = {}
  nullable = false
}

variable "endpoints" {
  description = "A map of interface and/or gateway endpoints containing their properties and configurations"
  type = map(object({
    service             = string
    service_type        = optional(string, "Interface") /* or "Gateway" */
    private_dns_enabled = optional(bool, true)
    subnet_ids          = optional(list(string))
    policy = optional(object({
      version = optional(string, "2012-10-17")
      statements = list(object({
        sid     = optional(string)
        effect  = optional(string, "Allow")
        actions = list(string)
        conditions = optional(list(object({
          test     = string # e.g. "StringEquals"
          variable = string // e.g. "aws:SourceVpc"
          values   = list(string)
        })), [])
      }))
    }))
    timeouts = optional(object({ create = optional(string, "10m"), delete = optional(string, "10m") }), {})
  }))
  default = {
    s3 = {
      service      = "s3"
      service_type = "Gateway"
    }
  }
}

variable "transit_gateway_attachment" {
  description = "Attach the VPC to a transit gateway. Leave null to skip the attachment."
  type = object({
    transit_gateway_id = string
    /*
     * Subnets the attachment's ENIs are placed in;
     * defaults to the private subnets.
     */
    subnet_ids                 = optional(list(string))
    appliance_mode_support     = optional(bool, false)
    dns_support                = optional(bool, true)
    routes                     = optional(list(string), []) # destination CIDRs sent to the TGW
    tgw_route_table_propagated = optional(bool, true)
  })
  default = null
}

variable "vpn_connections" {
  description = "Site-to-site VPN connections keyed by customer gateway name. The pre-shared keys are secrets."
  type = map(object({
    customer_gateway      = string
    static_routes_only    = optional(bool, false)
    tunnel1_preshared_key = optional(string)
    tunnel2_preshared_key = optional(string)
  }))
  default   = {}
  sensitive = true
  nullable  = false
}

variable "ipam_auth_token" {
  description = "Short-lived token used to reserve CIDRs from an external IPAM. Never stored in state."
  type        = string
  default     = null
  ephemeral   = true
}

variable "flow_log_shared_secret" {
  description = "HMAC secret the flow log forwarder signs records with."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "legacy_passthrough" {}

variable "legacy_overrides" {
  description = "Escape hatch for settings the module does not model yet (no type constraint)."
  default = {
    # keep in sync with the v4 module
    enable_classiclink = false
    tags = {
      "kubernetes.io/role/elb" = "1"
    }
  }
}

variable "secondary_cidr_tags" {
  type    = map(map(string))
  default = {}
  description = <<EOT
Tags for each secondary CIDR block association, keyed by CIDR.
Use this to mark blocks reserved for EKS pods.
EOT
}

variable "route_priority" {
  description = "Order in which route sources win, e.g. tgw | vgw | nat. Values < 0 are rejected."
  type        = list(string)
  default     = ["tgw", "vgw", "nat"]
}

variable "environment_pattern" {
  description = "Regular expression the `environment` tag must match."
  type        = string
  default     = "^(prod|staging|dev)$"
}

variable "name_template" {
  description = "Name template for per-AZ resources; $${name} and $${az} are replaced."
  type        = string
  default     = "$${name}-$${az}"
}

variable "name_tag_key" {
  description = "The \"Name\" tag key. Some organisations use \"name\" instead."
  type        = string
  default     = "Name"
}

variable "endpoint_default_policy" {
  description = "Policy document attached to endpoints that do not set their own."
  type        = string
  default     = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]
    }
  EOT
}

variable "ipv6_subnet_plan" {
  description = "IPv6 prefix assignment per tier as (tier, first prefix) pairs."
  type        = list(tuple([string, number]))
  default = [
    ["public", 0],
    ["private", 16], # leaves room for 16 public subnets
    ["database", 32],
  ]
}

variable "reserved_cidrs" {
  description = "CIDRs inside the VPC that no tier may use.\nChecked by a precondition on the VPC."
  type        = set(string)
  default     = []
}
