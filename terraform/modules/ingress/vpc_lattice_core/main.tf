# VPC Lattice service network: a managed, IAM-aware service layer that connects
# services across VPCs, accounts and compute types (EKS, Lambda, EC2).
# Layer 3 of the Cilium / cluster mesh / VPC Lattice stack (see README.md).

locals {
  vpc_associations = merge(
    {
      primary = {
        vpc_id             = var.vpc_id
        security_group_ids = var.security_group_ids
      }
    },
    var.additional_vpc_associations,
  )

  generate_auth_policy = var.auth_type == "AWS_IAM" && var.auth_policy == null
  attach_auth_policy   = var.auth_type == "AWS_IAM"
}

resource "aws_vpclattice_service_network" "this" {
  name      = var.name
  auth_type = var.auth_type

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_vpclattice_service_network_vpc_association" "this" {
  for_each = local.vpc_associations

  vpc_identifier             = each.value.vpc_id
  service_network_identifier = aws_vpclattice_service_network.this.id
  security_group_ids         = each.value.security_group_ids

  tags = merge(var.tags, { Name = "${var.name}-${each.key}" })
}

################################################################################
# Auth policy
################################################################################

data "aws_iam_policy_document" "auth" {
  count = local.generate_auth_policy ? 1 : 0

  dynamic "statement" {
    for_each = length(var.allowed_principal_arns) > 0 ? [1] : []

    content {
      sid       = "AllowListedPrincipals"
      effect    = "Allow"
      actions   = ["vpc-lattice-svcs:Invoke"]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = var.allowed_principal_arns
      }
    }
  }

  dynamic "statement" {
    for_each = var.allowed_organization_id != null ? [1] : []

    content {
      sid       = "AllowOrganization"
      effect    = "Allow"
      actions   = ["vpc-lattice-svcs:Invoke"]
      resources = ["*"]

      principals {
        type        = "*"
        identifiers = ["*"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:PrincipalOrgID"
        values   = [var.allowed_organization_id]
      }
    }
  }

  # Keep the document valid when nothing is allowed yet: deny by default.
  dynamic "statement" {
    for_each = length(var.allowed_principal_arns) == 0 && var.allowed_organization_id == null ? [1] : []

    content {
      sid       = "DenyByDefault"
      effect    = "Deny"
      actions   = ["vpc-lattice-svcs:Invoke"]
      resources = ["*"]

      principals {
        type        = "*"
        identifiers = ["*"]
      }
    }
  }
}

resource "aws_vpclattice_auth_policy" "this" {
  count = local.attach_auth_policy ? 1 : 0

  resource_identifier = aws_vpclattice_service_network.this.arn
  policy              = local.generate_auth_policy ? data.aws_iam_policy_document.auth[0].json : var.auth_policy
}

################################################################################
# Cross-account sharing (AWS RAM)
################################################################################

resource "aws_ram_resource_share" "this" {
  count = var.enable_ram_share ? 1 : 0

  name                      = "${var.name}-service-network"
  allow_external_principals = var.ram_allow_external_principals

  tags = var.tags
}

resource "aws_ram_resource_association" "this" {
  count = var.enable_ram_share ? 1 : 0

  resource_arn       = aws_vpclattice_service_network.this.arn
  resource_share_arn = aws_ram_resource_share.this[0].arn
}

resource "aws_ram_principal_association" "this" {
  for_each = var.enable_ram_share ? toset(var.ram_share_principals) : toset([])

  principal          = each.value
  resource_share_arn = aws_ram_resource_share.this[0].arn
}

################################################################################
# Access logs
################################################################################

resource "aws_cloudwatch_log_group" "access_logs" {
  count = var.enable_access_logs ? 1 : 0

  name              = "/aws/vpclattice/${var.name}"
  retention_in_days = var.access_log_retention_days

  tags = var.tags
}

resource "aws_vpclattice_access_log_subscription" "this" {
  count = var.enable_access_logs ? 1 : 0

  resource_identifier = aws_vpclattice_service_network.this.id
  destination_arn     = aws_cloudwatch_log_group.access_logs[0].arn

  tags = var.tags
}
